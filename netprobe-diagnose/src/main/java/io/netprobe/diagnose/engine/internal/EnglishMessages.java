package io.netprobe.diagnose.engine.internal;

import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Verdict;
import java.util.Locale;

/** The report in English: the API's own wording. Stateless; thread-safe. */
final class EnglishMessages implements Messages {
  @Override
  public String heading() {
    return "netprobe diagnose";
  }

  @Override
  public String verdictLabel() {
    return "Verdict";
  }

  @Override
  public String nextLabel() {
    return "Next";
  }

  @Override
  public String pathLabel() {
    return "Path";
  }

  @Override
  public String evidenceLabel() {
    return "Evidence";
  }

  @Override
  public String notesLabel() {
    return "Notes";
  }

  @Override
  public String addressesLabel() {
    return "Addresses";
  }

  @Override
  public String tookLabel() {
    return "took";
  }

  @Override
  public String category(Category category) {
    return category.name();
  }

  @Override
  public String layer(Layer layer) {
    String name = layer.displayName();
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  @Override
  public String status(CheckStatus status) {
    return switch (status) {
      case PASSED -> "ok";
      case WARNING -> "warning";
      case FAILED -> "FAILED";
      case SKIPPED -> "skipped";
    };
  }

  @Override
  public String explanation(Verdict verdict) {
    return verdict.explanation();
  }

  @Override
  public String nextStep(Verdict verdict) {
    return verdict.nextStep();
  }

  @Override
  public String note(Note note) {
    return note.text();
  }

  @Override
  public String path(NetworkPath path) {
    return path.describe();
  }
}
