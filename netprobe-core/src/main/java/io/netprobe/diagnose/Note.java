package io.netprobe.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * A remark attached to a diagnosis: worth knowing, not a failure.
 *
 * <p>Immutable and thread-safe.
 *
 * @param remark what kind of remark; renderers key translations on it
 * @param text the English sentence
 * @param arguments the values filled into the wording
 */
public record Note(Remark remark, String text, List<String> arguments) {
  public Note {
    Objects.requireNonNull(remark, "remark");
    Objects.requireNonNull(text, "text");
    arguments = List.copyOf(arguments);
  }

  /** A note with the English wording filled in. */
  public static Note of(Remark remark, String... arguments) {
    List<String> args = List.of(arguments);
    return new Note(remark, Finding.fill(remark.template(), args), args);
  }
}
