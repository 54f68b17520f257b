package io.netprobe.diagnose.engine.internal;

import io.netprobe.diagnose.Check;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.LayerResult;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Verdict;
import io.netprobe.text.ClassicText;
import java.util.Locale;

/**
 * The text report: verdict and next step first (what an operator needs at 3 a.m.), then the path, each layer's
 * checks with their one-line summaries from netprobe-text ({@link ClassicText}), the evidence and the notes.
 * Immutable; thread-safe.
 */
public final class TextReport {
  private final Messages words;

  private TextReport(Messages words) {
    this.words = words;
  }

  /** Korean for locales whose language is {@code ko}, English otherwise. */
  public static TextReport forLocale(Locale locale) {
    return new TextReport("ko".equals(locale.getLanguage()) ? new KoreanMessages() : new EnglishMessages());
  }

  public String render(DiagnosisResult d) {
    StringBuilder out = new StringBuilder();
    Verdict v = d.verdict();
    out.append(words.heading()).append(' ').append(d.url()).append('\n');
    out.append(words.verdictLabel()).append(": ").append(words.category(v.category())).append(" — ")
        .append(words.explanation(v)).append('\n');
    out.append(words.nextLabel()).append(": ").append(words.nextStep(v)).append('\n');
    out.append(words.pathLabel()).append(": ").append(words.path(d.path())).append('\n');
    if (!d.addresses().isEmpty()) {
      out.append(words.addressesLabel()).append(": ")
          .append(ClassicText.addresses(d.addresses())).append('\n');
    }
    int n = 1;
    for (LayerResult layer : d.layers()) {
      out.append('\n').append(n++).append(". ").append(words.layer(layer.layer())).append(" [")
          .append(words.status(layer.status())).append("]\n");
      for (Check c : layer.checks()) {
        out.append("   ").append(marker(c.status())).append(' ').append(c.title()).append('\n');
        out.append("       ").append(c.summary()).append('\n');
      }
    }
    if (!v.evidence().isEmpty() && !v.isOk()) {
      out.append('\n').append(words.evidenceLabel()).append(":\n");
      v.evidence().forEach(e -> out.append("  - ").append(e).append('\n'));
    }
    if (!d.notes().isEmpty()) {
      out.append('\n').append(words.notesLabel()).append(":\n");
      for (Note note : d.notes()) {
        out.append("  - ").append(words.note(note)).append('\n');
      }
    }
    out.append('\n').append('(').append(words.tookLabel()).append(' ')
        .append(String.format(Locale.ROOT, "%.2f s", d.elapsed().toMillis() / 1000.0)).append(")\n");
    return out.toString();
  }

  private static String marker(CheckStatus status) {
    return switch (status) {
      case PASSED -> "✓";
      case WARNING -> "!";
      case FAILED -> "✗";
      case SKIPPED -> "-";
    };
  }
}
