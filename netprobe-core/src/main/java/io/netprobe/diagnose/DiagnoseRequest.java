package io.netprobe.diagnose;

import io.netprobe.Host;
import io.netprobe.ProbeClient;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.Validate;
import io.netprobe.spi.DiagnosisEngine;
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
 * Diagnosis d = Probes.diagnose("https://quizai.juwonpark.me").origin("203.0.113.7").run();
 * d.verdict().category();   // OK, NETWORK, DNS, EDGE, ORIGIN, TLS, LOCAL_PORT
 * System.out.println(DiagnosisReport.render(d, Locale.KOREAN));   // netprobe-diagnose's report
 * }</pre>
 *
 * <p>The checklist itself is a {@link DiagnosisEngine}, chosen like any backend: add
 * {@code io.netprobe:netprobe-diagnose}.
 *
 * <p>Immutable and thread-safe: every option returns a new request.
 */
public final class DiagnoseRequest {
  /** The default deadline of a whole diagnosis. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** The default well-known addresses: Google's and Cloudflare's public resolvers. */
  public static final List<String> DEFAULT_NETWORK_TARGETS = List.of("8.8.8.8", "1.1.1.1");
  /** The default TCP fallback port for well-known addresses. */
  public static final int DEFAULT_TARGET_PORT = 443;
  public static final int DEFAULT_PING_COUNT = 3;

  private final ProbeClient client;
  private final DiagnoseSpec spec;

  private DiagnoseRequest(ProbeClient client, DiagnoseSpec spec) {
    this.client = client;
    this.spec = spec;
  }

  /**
   * Use {@link ProbeClient#diagnose(String)}.
   *
   * @throws IllegalArgumentException when {@code url} is not a valid http(s) URL
   */
  public static DiagnoseRequest create(ProbeClient client, String url) {
    List<NetworkTarget> targets = DEFAULT_NETWORK_TARGETS.stream()
        .map(t -> new NetworkTarget(Host.of(t), DEFAULT_TARGET_PORT)).toList();
    Duration timeout = client.timeout().compareTo(DEFAULT_TIMEOUT) > 0 ? client.timeout() : DEFAULT_TIMEOUT;
    return new DiagnoseRequest(client, new DiagnoseSpec(Validate.httpUrl(url), targets, Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(), DEFAULT_PING_COUNT, timeout));
  }

  /**
   * The well-known addresses to ping first, replacing the defaults; TCP port 443 is the fallback. No arguments skip
   * the check (for machines that must not send traffic outside).
   *
   * @throws IllegalArgumentException for an invalid host
   */
  public DiagnoseRequest networkTargets(String... hosts) {
    List<NetworkTarget> targets = new ArrayList<>();
    for (String h : hosts) {
      targets.add(new NetworkTarget(Host.of(h), DEFAULT_TARGET_PORT));
    }
    return with(targets, spec.dnsServer(), spec.compareResolver(), spec.origin(), spec.ports(), spec.pingCount(),
        spec.timeout());
  }

  /**
   * Adds a well-known address with its own TCP fallback port.
   *
   * @throws IllegalArgumentException for an invalid host or port
   */
  public DiagnoseRequest networkTarget(String host, int tcpFallbackPort) {
    List<NetworkTarget> targets = new ArrayList<>(spec.networkTargets());
    targets.add(new NetworkTarget(Host.of(host), Validate.port("TCP fallback port", tcpFallbackPort)));
    return with(targets, spec.dnsServer(), spec.compareResolver(), spec.origin(), spec.ports(), spec.pingCount(),
        spec.timeout());
  }

  /**
   * Asks this DNS server instead of the system's resolvers, and connects to the addresses it gives.
   *
   * @throws IllegalArgumentException when {@code server} is not an IP literal or the port is outside 1–65535
   */
  public DiagnoseRequest dnsServer(String server, int port) {
    return with(spec.networkTargets(), Optional.of(socketAddress("DNS server", server, port)), spec.compareResolver(),
        spec.origin(), spec.ports(), spec.pingCount(), spec.timeout());
  }

  /**
   * Also asks this resolver (e.g. {@code 1.1.1.1}) and reports when its answer differs.
   *
   * @throws IllegalArgumentException when {@code resolver} is not an IP literal
   */
  public DiagnoseRequest compareWithResolver(String resolver) {
    return compareWithResolver(resolver, 53);
  }

  /**
   * Also asks this resolver on this port and reports when its answer differs.
   *
   * @throws IllegalArgumentException when {@code resolver} is not an IP literal or the port is outside 1–65535
   */
  public DiagnoseRequest compareWithResolver(String resolver, int port) {
    return with(spec.networkTargets(), spec.dnsServer(), Optional.of(socketAddress("resolver", resolver, port)),
        spec.origin(), spec.ports(), spec.pingCount(), spec.timeout());
  }

  /**
   * Also probes the origin directly at this address, past the CDN ({@code curl --resolve host:port:address}), so the
   * verdict can separate a broken edge from a broken origin.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public DiagnoseRequest origin(String address) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("origin must be an IP address, was \"" + address + "\""));
    return with(spec.networkTargets(), spec.dnsServer(), spec.compareResolver(), Optional.of(ip), spec.ports(),
        spec.pingCount(), spec.timeout());
  }

  /**
   * Local ports to report on (which listen, and with what exposure), like {@code ss -tulnp | grep -E '80|443|8000'}.
   *
   * @throws IllegalArgumentException for a port outside 1–65535
   */
  public DiagnoseRequest ports(int... ports) {
    List<Integer> list = new ArrayList<>(spec.ports());
    for (int p : ports) {
      list.add(Validate.port("port", p));
    }
    return with(spec.networkTargets(), spec.dnsServer(), spec.compareResolver(), spec.origin(),
        list.stream().distinct().toList(), spec.pingCount(), spec.timeout());
  }

  /**
   * Echo requests per ping; 3 by default.
   *
   * @throws IllegalArgumentException outside 1–20
   */
  public DiagnoseRequest pingCount(int count) {
    Validate.inRange("pingCount", count, 1, 20);
    return with(spec.networkTargets(), spec.dnsServer(), spec.compareResolver(), spec.origin(), spec.ports(), count,
        spec.timeout());
  }

  /**
   * The deadline of the whole diagnosis; every probe fits inside it. Positive, at most one hour.
   *
   * @throws IllegalArgumentException when the duration is not positive or too long
   */
  public DiagnoseRequest timeout(Duration timeout) {
    return with(spec.networkTargets(), spec.dnsServer(), spec.compareResolver(), spec.origin(), spec.ports(),
        spec.pingCount(), Validate.timeout(timeout));
  }

  public Duration timeout() {
    return spec.timeout();
  }

  /** What will be run. */
  public DiagnoseSpec spec() {
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
  public Diagnosis run() {
    return client.backend(DiagnosisEngine.class).diagnose(spec, client);
  }

  /**
   * Runs the checklist in the background. The waiting happens on one of netprobe's daemon threads, not on the
   * client's executor, so that a small executor cannot be filled by the diagnosis waiting for its own probes. The
   * future completes by the deadline and never exceptionally.
   *
   * @throws IllegalStateException at once when no {@link DiagnosisEngine} is on the class path
   */
  public CompletableFuture<Diagnosis> runAsync() {
    DiagnosisEngine engine = client.backend(DiagnosisEngine.class);
    return CompletableFuture.supplyAsync(() -> engine.diagnose(spec, client), DefaultExecutor.get());
  }

  private DiagnoseRequest with(List<NetworkTarget> targets, Optional<InetSocketAddress> dnsServer,
      Optional<InetSocketAddress> compare, Optional<InetAddress> origin, List<Integer> ports, int pingCount,
      Duration timeout) {
    return new DiagnoseRequest(client, new DiagnoseSpec(spec.url(), targets, dnsServer, compare, origin, ports,
        pingCount, timeout));
  }

  private static InetSocketAddress socketAddress(String what, String address, int port) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException(what + " must be an IP address, was \"" + address + "\""));
    return new InetSocketAddress(ip, Validate.port(what + " port", port));
  }

  @Override
  public String toString() {
    return "DiagnoseRequest" + spec;
  }
}
