package io.netprobe.sockets;

import java.util.Objects;

/**
 * What one step of a TCP conversation did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index the step's position, from 1
 * @param step the step
 * @param ok whether it succeeded
 * @param observed for an expect, the line that matched, or what came instead (the last lines, escaped and cut); for
 *     a send, the text sent after expansion ({@link io.netprobe.core.Redaction#MARK} for a secret one); for
 *     starttls, the protocol and cipher
 * @param captures for a matched expect, its groups by number ({@code "0"} the whole match, {@code "1"}, …) and by
 *     name; empty otherwise
 */
public record ConversationRecord(int index, ConversationStep step, boolean ok, String observed,
    java.util.Map<String, String> captures) {
  public ConversationRecord {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(observed, "observed");
    captures = java.util.Map.copyOf(captures);
  }

  /** A record without captures. */
  public ConversationRecord(int index, ConversationStep step, boolean ok, String observed) {
    this(index, step, ok, observed, java.util.Map.of());
  }


  /** {@code step 2 expect /^\+PONG/: "-ERR unknown command"}. */
  public String describe() {
    return "step " + index + " " + step.describe() + (ok ? ": " : " failed: ") + observed;
  }
}
