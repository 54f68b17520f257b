package io.netprobe.diagnose;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The outage checklist for one URL, configured. Defaults: ping 8.8.8.8 and 1.1.1.1 (TCP 443 as fallback), the
 * system resolver, no comparison resolver, no origin, no extra ports, 3 echoes per ping, a 10 s deadline.
 *
 * <pre>{@code
 * DiagnosisResult d = Probes.diagnose("https://quizai.juwonpark.me").origin("203.0.113.7").run();
 * d.verdict().category();   // OK, NETWORK, DNS, EDGE, ORIGIN, TLS, LOCAL_PORT
 * System.out.println(DiagnosisReport.render(d, Locale.KOREAN));   // netprobe-diagnose's report
 * }</pre>
 *
 * <p>The checklist itself is a {@link DiagnosisEngine}, chosen like any backend: add
 * {@code io.netprobe:netprobe-diagnose}.
 *
 * <p>Immutable and thread-safe: every option returns a new request.
 */
public final class DiagnosisRequest implements ProbeRequest<DiagnosisResult, DiagnosisRequest> {
  /** The default deadline of a whole diagnosis. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** The default well-known addresses: Google's and Cloudflare's public resolvers. */
  public static final List<String> DEFAULT_NETWORK_TARGETS = List.of("8.8.8.8", "1.1.1.1");
  /** The default TCP fallback port for well-known addresses. */
  public static final int DEFAULT_TARGET_PORT = 443;
  public static final int DEFAULT_PING_COUNT = 3;

  private final ProbeRunner runner;
  private final DiagnosisSpec spec;

  private DiagnosisRequest(ProbeRunner runner, DiagnosisSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /**
   * Use {@code ProbeClient.diagnose(String)}.
   *
   * @throws IllegalArgumentException when {@code url} is not a valid http(s) URL
   */
  public static DiagnosisRequest create(ProbeRunner runner, String url) {
    List<NetworkTarget> targets = DEFAULT_NETWORK_TARGETS.stream()
        .map(t -> new NetworkTarget(Host.of(t), DEFAULT_TARGET_PORT)).toList();
    Duration timeout = runner.timeout().compareTo(DEFAULT_TIMEOUT) > 0 ? runner.timeout() : DEFAULT_TIMEOUT;
    return new DiagnosisRequest(runner, new DiagnosisSpec(Validate.httpUrl(url), targets, Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), DEFAULT_PING_COUNT, timeout));
  }

  /**
   * The well-known addresses to ping first, replacing the defaults; TCP port 443 is the fallback. No arguments skip
   * the check (for machines that must not send traffic outside).
   *
   * @throws IllegalArgumentException for an invalid host
   */
  public DiagnosisRequest networkTargets(String... hosts) {
    List<NetworkTarget> targets = new ArrayList<>();
    for (String h : hosts) {
      targets.add(new NetworkTarget(Host.of(h), DEFAULT_TARGET_PORT));
    }
    return with(spec.withNetworkTargets(targets));
  }

  /**
   * Adds a well-known address with its own TCP fallback port.
   *
   * @throws IllegalArgumentException for an invalid host or port
   */
  public DiagnosisRequest networkTarget(String host, int tcpFallbackPort) {
    List<NetworkTarget> targets = new ArrayList<>(spec.networkTargets());
    targets.add(new NetworkTarget(Host.of(host), Validate.port("TCP fallback port", tcpFallbackPort)));
    return with(spec.withNetworkTargets(targets));
  }

  /**
   * Asks this DNS server instead of the system's resolvers, and connects to the addresses it gives.
   *
   * @throws IllegalArgumentException when {@code server} is not an IP literal or the port is outside 1–65535
   */
  public DiagnosisRequest dnsServer(String server, int port) {
    return with(spec.withDnsServer(Optional.of(socketAddress("DNS server", server, port))));
  }

  /**
   * Also asks this resolver (e.g. {@code 1.1.1.1}) and reports when its answer differs.
   *
   * @throws IllegalArgumentException when {@code resolver} is not an IP literal
   */
  public DiagnosisRequest compareWithResolver(String resolver) {
    return compareWithResolver(resolver, 53);
  }

  /**
   * Also asks this resolver on this port and reports when its answer differs.
   *
   * @throws IllegalArgumentException when {@code resolver} is not an IP literal or the port is outside 1–65535
   */
  public DiagnosisRequest compareWithResolver(String resolver, int port) {
    return with(spec.withCompareResolver(Optional.of(socketAddress("resolver", resolver, port))));
  }

  /**
   * Also probes the origin directly at this address, past the CDN ({@code curl --resolve host:port:address}), so the
   * verdict can separate a broken edge from a broken origin.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public DiagnosisRequest origin(String address) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("origin must be an IP address, was \"" + address + "\""));
    return with(spec.withOrigin(Optional.of(ip)));
  }

  /**
   * Local ports to report on (which listen, and with what exposure), like {@code ss -tulnp | grep -E '80|443|8000'}.
   *
   * @throws IllegalArgumentException for a port outside 1–65535
   */
  public DiagnosisRequest ports(int... ports) {
    List<Integer> list = new ArrayList<>(spec.ports());
    for (int p : ports) {
      list.add(Validate.port("port", p));
    }
    return with(spec.withPorts(list.stream().distinct().toList()));
  }

  /**
   * Echo requests per ping; 3 by default.
   *
   * @throws IllegalArgumentException outside 1–20
   */
  public DiagnosisRequest pingCount(int count) {
    Validate.inRange("pingCount", count, 1, 20);
    return with(spec.withPingCount(count));
  }

  /**
   * The deadline of the whole diagnosis; every probe fits inside it. Positive, at most one hour.
   *
   * @throws IllegalArgumentException when the duration is not positive or too long
   */
  @Override
  public DiagnosisRequest timeout(Duration timeout) {
    return with(spec.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** What will be run. */
  public DiagnosisSpec spec() {
    return spec;
  }

  /**
   * Runs the checklist on the calling thread, with independent layers in parallel on the client's executor (up to
   * about ten probes at once; a smaller executor makes them wait their turn, inside the same deadline), and returns by
   * the deadline (within a few tens of milliseconds). Network outcomes are in the verdict; this method does not throw
   * them.
   *
   * @throws IllegalStateException when no {@link DiagnosisEngine} is on the class path; the message names the
   *     artifact to add
   */
  @Override
  public DiagnosisResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  /**
   * Runs the checklist in the background. The waiting happens on one of netprobe's daemon threads, not on the
   * client's executor, so that a small executor cannot be filled by the diagnosis waiting for its own probes. The
   * future completes by the deadline and never exceptionally.
   *
   * @throws IllegalStateException at once when no {@link io.netprobe.spi.DiagnosisEngine} is on the class path
   */
  @Override
  public CompletableFuture<DiagnosisResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private DiagnosisRequest with(DiagnosisSpec changed) {
    return new DiagnosisRequest(runner, changed);
  }

  private static InetSocketAddress socketAddress(String what, String address, int port) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException(what + " must be an IP address, was \"" + address + "\""));
    return new InetSocketAddress(ip, Validate.port(what + " port", port));
  }

  @Override
  public String toString() {
    return "DiagnosisRequest" + spec;
  }
}
