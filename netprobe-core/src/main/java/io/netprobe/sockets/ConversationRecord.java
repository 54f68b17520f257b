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
 */
public record ConversationRecord(int index, ConversationStep step, boolean ok, String observed) {
  public ConversationRecord {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(observed, "observed");
  }

  /** {@code step 2 expect /^\+PONG/: "-ERR unknown command"}. */
  public String describe() {
    return "step " + index + " " + step.describe() + (ok ? ": " : " failed: ") + observed;
  }
}
