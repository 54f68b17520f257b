package io.netprobe.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private final ProbeRunner runner;
  private final DnsTraceSpec spec;

  DnsTraceRequest(ProbeRunner runner, DnsTraceSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /**
   * Starts from this root server (an IP literal) instead of the root hints; call again to add more.
   *
   * @throws IllegalArgumentException when it is not an IP address
   */
  public DnsTraceRequest rootServer(String address) {
    InetAddress a = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("a root server must be an IP address, not \"" + address + "\""));
    List<InetAddress> list = new ArrayList<>(spec.rootServers());
    list.add(a);
    return with(spec.withRootServers(list));
  }

  /** The record type to ask for; see {@link DnsRequest#type(String)}. */
  public DnsTraceRequest type(String type) {
    return type(RecordType.of(type));
  }

  /** The record type to ask for; see {@link DnsRequest#type(RecordType)}. */
  public DnsTraceRequest type(RecordType type) {
    java.util.Objects.requireNonNull(type, "type");
    return with(spec.withQuery(spec.query().withType(type)));
  }

  /**
   * The port every server of the trace is asked on; 53 by default.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public DnsTraceRequest port(int port) {
    return with(spec.withPort(Validate.port("DNS port", port)));
  }

  @Override
  public DnsTraceRequest timeout(Duration timeout) {
    return with(spec.withQuery(spec.query().withTimeout(Validate.timeout(timeout))));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** What the trace is asked. */
  public DnsTraceSpec spec() {
    return spec;
  }

  @Override
  public DnsTraceResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<DnsTraceResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private DnsTraceRequest with(DnsTraceSpec spec) {
    return new DnsTraceRequest(runner, spec);
  }

  @Override
  public String toString() {
    return "DnsTraceRequest[" + spec.query() + ", roots=" + spec.rootServers() + ", port=" + spec.port() + "]";
  }
}
