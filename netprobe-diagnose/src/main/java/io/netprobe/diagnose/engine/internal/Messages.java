package io.netprobe.diagnose.engine.internal;

import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Verdict;

/** The words of the text report in one language. Implementations are stateless and thread-safe. */
interface Messages {
  String heading();

  String verdictLabel();

  String nextLabel();

  String pathLabel();

  String evidenceLabel();

  String notesLabel();

  String addressesLabel();

  String tookLabel();

  String category(Category category);

  String layer(Layer layer);

  String status(CheckStatus status);

  String explanation(Verdict verdict);

  String nextStep(Verdict verdict);

  String note(Note note);

  String path(NetworkPath path);
}
