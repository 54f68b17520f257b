package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code dig +trace} is asked: the question, the root servers to start from and the port every server is
 * asked on. The client runs it by asking each zone's servers ordinary {@link DnsSpec} questions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question (its servers are not used: the trace starts at the root servers)
 * @param rootServers the root servers to start from; empty means the system's root hints (or the built-in list)
 * @param port the port every server of the trace is asked on
 */
public record DnsTraceSpec(DnsSpec query, List<InetAddress> rootServers, int port)
    implements ProbeSpec<DnsTraceResult> {

  public DnsTraceSpec {
    Objects.requireNonNull(query, "query");
    rootServers = List.copyOf(rootServers);
    Validate.port("DNS port", port);
  }

  public DnsTraceSpec withQuery(DnsSpec query) {
    return new DnsTraceSpec(query, rootServers, port);
  }

  public DnsTraceSpec withRootServers(List<InetAddress> rootServers) {
    return new DnsTraceSpec(query, rootServers, port);
  }

  public DnsTraceSpec withPort(int port) {
    return new DnsTraceSpec(query, rootServers, port);
  }

  /** The deadline of the whole trace: the question's. */
  @Override
  public Duration timeout() {
    return query.timeout();
  }

  @Override
  public DnsTraceResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new DnsTraceResult(query, List.of(), Optional.empty(), "none", started, elapsed, Optional.of(failure));
  }
}
