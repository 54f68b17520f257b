package io.netprobe.dns;

import io.netprobe.Deadline;
import io.netprobe.Host;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.DnsBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code dig +trace}: resolves a name iteratively from the root servers, following referrals with glue and
 * resolving glueless name-server names iteratively too (dig asks the system resolver there). The root servers come
 * from {@code /usr/share/dns/root.hints} when present, else from the built-in IANA list; tests and private
 * hierarchies name their own with {@link #rootServer(String)} and {@link #port(int)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DnsTraceRequest implements ProbeRequest<DnsTraceResult, DnsTraceRequest> {
  private final DnsRequest request;
  private final List<InetAddress> roots;
  private final int port;

  DnsTraceRequest(DnsRequest request, List<InetAddress> roots, int port) {
    this.request = request;
    this.roots = List.copyOf(roots);
    this.port = port;
  }

  /**
   * Starts from this root server (an IP literal) instead of the root hints; call again to add more.
   *
   * @throws IllegalArgumentException when it is not an IP address
   */
  public DnsTraceRequest rootServer(String address) {
    InetAddress a = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("a root server must be an IP address, not \"" + address + "\""));
    List<InetAddress> list = new ArrayList<>(roots);
    list.add(a);
    return new DnsTraceRequest(request, list, port);
  }

  /** The record type to ask for; see {@link DnsRequest#type(String)}. */
  public DnsTraceRequest type(String type) {
    return new DnsTraceRequest(request.type(type), roots, port);
  }

  /** The record type to ask for; see {@link DnsRequest#type(RecordType)}. */
  public DnsTraceRequest type(RecordType type) {
    return new DnsTraceRequest(request.type(type), roots, port);
  }

  /**
   * The port every server of the trace is asked on; 53 by default.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public DnsTraceRequest port(int port) {
    return new DnsTraceRequest(request, roots, Validate.port("DNS port", port));
  }

  @Override
  public DnsTraceRequest timeout(Duration timeout) {
    return new DnsTraceRequest(request.timeout(timeout), roots, port);
  }

  @Override
  public Duration timeout() {
    return request.timeout();
  }

  @Override
  public DnsTraceResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    return ProbeExecution.call(() -> trace(deadline, started), failure(started, deadline));
  }

  @Override
  public CompletableFuture<DnsTraceResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    return ProbeExecution.callAsync(() -> trace(deadline, started), failure(started, deadline),
        request.client().executor(), timeout());
  }

  private DnsTraceResult trace(Deadline deadline, Instant started) {
    DnsBackend backend = request.client().backend(DnsBackend.class);
    List<InetAddress> start = roots.isEmpty() ? RootHints.addresses() : roots;
    return new IterativeResolver(backend, request.query(), port, deadline).trace(start, started);
  }

  private java.util.function.Function<ProbeFailure, DnsTraceResult> failure(Instant started, Deadline deadline) {
    return f -> new DnsTraceResult(request.query(), List.of(), Optional.empty(), "none", started,
        deadline.elapsed(), Optional.of(f));
  }

  @Override
  public String toString() {
    return "DnsTraceRequest[" + request.query() + ", roots=" + roots + ", port=" + port + "]";
  }
}
