package io.netprobe.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.ProbeResult;
import io.netprobe.spi.Backend;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Checks every backend contract shares. Stateless; thread-safe.
 */
public final class ContractAssertions {
  /**
   * How late past its deadline a probe may return. The rule is "a few tens of milliseconds"; the slack allows for a
   * loaded two-core CI machine.
   */
  public static final Duration DEADLINE_SLACK = Duration.ofMillis(150);

  private ContractAssertions() {}

  /** Runs {@code probe} and asserts that it returned by {@code timeout} plus {@link #DEADLINE_SLACK}. */
  public static <R> R returnsByDeadline(Duration timeout, Supplier<R> probe) {
    long start = System.nanoTime();
    R result = probe.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took)
        .as("a probe with a %d ms deadline must return within %d ms of it", timeout.toMillis(),
            DEADLINE_SLACK.toMillis())
        .isLessThanOrEqualTo(timeout.plus(DEADLINE_SLACK));
    return result;
  }

  /** The invariants of every result: backend id, non-negative elapsed time, success exactly when no failure. */
  public static void wellFormed(ProbeResult result, Backend backend) {
    assertThat(result.backend()).as("result names its backend").isEqualTo(backend.id());
    assertThat(result.elapsed()).as("elapsed").isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(result.started()).as("started").isNotNull();
    assertThat(result.isSuccess()).as("success exactly when there is no failure").isEqualTo(result.failure().isEmpty());
    result.failure().ifPresent(f -> assertThat(f.message()).as("failure message").isNotBlank());
  }
}
