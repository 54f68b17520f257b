package io.netprobe.diagnose;

import io.netprobe.core.ProbeResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe run by a diagnosis and what it showed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param title the probe as its classic command, e.g. {@code ping 8.8.8.8}, {@code dig quizai.juwonpark.me A},
 *     {@code tcp 1.1.1.1:443 (fallback: ICMP not answered)}
 * @param status how it went
 * @param summary one line in the style of the classic tool's output, e.g. {@code 3 transmitted, 3 received, 0%
 *     packet loss, avg 28.1 ms}
 * @param result the probe's full result, when it ran
 */
public record Check(String title, CheckStatus status, String summary, Optional<ProbeResult> result) {
  public Check {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(result, "result");
  }

  /** A check that did not run, with the reason. */
  public static Check skipped(String title, String reason) {
    return new Check(title, CheckStatus.SKIPPED, reason, Optional.empty());
  }
}
