package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.DnsBackend} is asked for a batch: many questions, each with its own outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queries the questions, in the caller's order
 * @param maxInFlight how many queries may be outstanding at once
 * @param queryTimeout how long one question may take, its tries and servers included
 * @param timeout the deadline of the whole batch
 */
public record DnsBatchSpec(List<DnsSpec> queries, int maxInFlight, Duration queryTimeout, Duration timeout)
    implements ProbeSpec<DnsBatchResult> {
  /** Outstanding queries by default: enough to keep a local server busy without overflowing socket buffers. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  /** The most outstanding queries allowed (a sixteenth of the message-id space). */
  public static final int MAX_IN_FLIGHT = 4096;

  /** How long one question may take by default. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

  public DnsBatchSpec {
    queries = List.copyOf(queries);
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("maxInFlight must be between 1 and " + MAX_IN_FLIGHT + ", was "
          + maxInFlight);
    }
  }

  public DnsBatchSpec withQueries(List<DnsSpec> queries) {
    return new DnsBatchSpec(queries, maxInFlight, queryTimeout, timeout);
  }

  public DnsBatchSpec withMaxInFlight(int maxInFlight) {
    return new DnsBatchSpec(queries, maxInFlight, queryTimeout, timeout);
  }

  public DnsBatchSpec withQueryTimeout(Duration queryTimeout) {
    return new DnsBatchSpec(queries, maxInFlight, queryTimeout, timeout);
  }

  public DnsBatchSpec withTimeout(Duration timeout) {
    return new DnsBatchSpec(queries, maxInFlight, queryTimeout, timeout);
  }

  /** Every question failed the same way. */
  @Override
  public DnsBatchResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    List<DnsResult> each = queries.stream().map(q -> q.failed(failure, started, elapsed)).toList();
    return new DnsBatchResult(each, "none", started, elapsed, Optional.of(failure));
  }
}
