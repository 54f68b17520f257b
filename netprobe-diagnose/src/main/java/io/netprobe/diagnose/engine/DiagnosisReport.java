package io.netprobe.diagnose.engine;

import io.netprobe.core.Redaction;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.engine.internal.TextReport;
import java.util.Locale;

/**
 * Renders a {@link DiagnosisResult} as the text report: verdict first, then the path and each layer's checks in the style
 * of the classic tools, URLs redacted ({@link Redaction#text}). English, or Korean (the seed's language) for Korean locales. Stateless; thread-safe.
 *
 * <pre>{@code
 * DiagnosisResult d = Probes.diagnose("https://quizai.juwonpark.me").run();
 * System.out.println(DiagnosisReport.render(d, Locale.KOREAN));
 * }</pre>
 */
public final class DiagnosisReport {
  private DiagnosisReport() {}

  /** The report in the language of {@code locale}: Korean when its language is {@code ko}, English otherwise. */
  public static String render(DiagnosisResult diagnosis, Locale locale) {
    return Redaction.text(TextReport.forLocale(locale).render(diagnosis));
  }
}
