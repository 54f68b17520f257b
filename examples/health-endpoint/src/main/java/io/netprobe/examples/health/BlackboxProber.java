package io.netprobe.examples.health;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.health.config.HostPort;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsInfo;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.text.ClassicText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@code /probe} request the way blackbox_exporter would and describes it with blackbox's metric names,
 * plus {@code probe_failure_info{kind}} and ping statistics that blackbox lacks. Thread-safe.
 */
final class BlackboxProber {
  private final ProbeClient client;

  BlackboxProber(ProbeClient client) {
    this.client = client;
  }

  /**
   * Where a target points, for the allow-list: its host and the port the module would connect to (-1 for ICMP).
   *
   * @throws IllegalArgumentException when the target is not valid for the module's prober
   */
  TargetAddress address(ProbeModule module, String target) {
    switch (module.prober()) {
      case HTTP -> {
        URI url = client.http(httpUrl(target)).spec().url(); // validates without touching the network
        int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        return new TargetAddress(Host.of(url.getHost().replaceAll("^\\[|\\]$", "")), port);
      }
      case TCP -> {
        HostPort hp = HostPort.parse("target", target);
        if (hp.port().isEmpty()) {
          throw new IllegalArgumentException("target of a tcp module needs a port, like 127.0.0.1:5432");
        }
        return new TargetAddress(hp.host(), hp.port().getAsInt());
      }
      case ICMP -> {
        HostPort hp = HostPort.parse("target", target);
        if (hp.port().isPresent()) {
          throw new IllegalArgumentException("target of an icmp module is a host without a port");
        }
        return new TargetAddress(hp.host(), -1);
      }
      default -> {
        HostPort hp = HostPort.parse("target", target);
        return new TargetAddress(hp.host(), hp.portOr(53));
      }
    }
  }

  /** One prober's result, and the reason it counts as failed (a FailureKind or a policy name), if it does. */
  private record Probed(ProbeResult result, Optional<String> failureKind) {}

  /** A probe target's host and port. */
  record TargetAddress(Host host, int port) {}

  /**
   * The outcome of one /probe request: whether it succeeded, the metrics text, and the log {@code debug=true}
   * shows (what was probed, the result as the classic tool would print it and as JSON, and the verdict).
   */
  record ProbeResponse(boolean success, String metrics, String log) {}

  /**
   * What blackbox's {@code hostname=} asks of an http probe: the URL with the host name in it (so the {@code Host}
   * header and TLS SNI carry it) and the target's address to connect to.
   */
  record VirtualHost(String url, String hostname, String address) {}

  /**
   * The virtual host for {@code hostname=} on {@code target}.
   *
   * @throws IllegalArgumentException when the module is not http, {@code hostname} is not a host name, or the
   *     target's host is not an IP address (netprobe connects to an address it is given, not to a second lookup)
   */
  VirtualHost virtualHost(ProbeModule module, String target, String hostname) {
    if (module.prober() != ProbeModule.Prober.HTTP) {
      throw new IllegalArgumentException("hostname is for http modules; " + module.name() + " is "
          + module.prober().name().toLowerCase(Locale.ROOT));
    }
    Host name = Host.of(hostname);
    if (name.isLiteral()) {
      throw new IllegalArgumentException("hostname must be a host name, was \"" + hostname + "\"");
    }
    URI url = client.http(httpUrl(target)).spec().url();
    String host = url.getHost().replaceAll("^\\[|\\]$", "");
    if (!Host.of(host).isLiteral()) {
      throw new IllegalArgumentException("hostname needs a target whose host is an IP address (the probe connects "
          + "there and sends " + name.ascii() + " as Host and SNI); the target's host is \"" + host + "\"");
    }
    try {
      URI vhost = new URI(url.getScheme(), null, name.ascii(), url.getPort(), url.getRawPath().isEmpty() ? "/"
          : url.getPath(), url.getQuery(), null);
      return new VirtualHost(vhost.toString(), name.ascii(), host);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("cannot put " + name.ascii() + " into " + url + ": " + e.getMessage(), e);
    }
  }

  /** Runs the module's probe against an allowed target within {@code timeout}. */
  ProbeResponse probe(ProbeModule module, String target, Duration timeout) {
    return probe(module, target, Optional.empty(), timeout);
  }

  /** Runs the module's probe against an allowed target, as {@code virtualHost} when given, within {@code timeout}. */
  ProbeResponse probe(ProbeModule module, String target, Optional<VirtualHost> virtualHost, Duration timeout) {
    ProbeMetrics m = new ProbeMetrics();
    long t0 = System.nanoTime();
    StringBuilder log = new StringBuilder("Probing " + target + " with module " + module.name() + " (prober "
        + module.prober().name().toLowerCase(Locale.ROOT) + ", timeout " + timeout.toMillis() + "ms)\n");
    Probed probed = switch (module.prober()) {
      case HTTP -> http(module, target, virtualHost, timeout, m);
      case TCP -> tcp(target, timeout, m);
      case ICMP -> icmp(module, target, timeout, m);
      case DNS -> dns(module, target, timeout, m);
    };
    Optional<String> failureKind = probed.failureKind();
    // the probe as its classic tool prints it (curl -I, dig, ping, nc -zv): what an operator reads first
    log.append(ClassicText.render(probed.result()));
    log.append("Result:\n").append(NetprobeJson.toPrettyJson(probed.result())).append('\n');
    log.append(failureKind.map(k -> "Probe failed: " + k + probed.result().failure()
        .map(f -> " (" + f.message() + ")").orElse("")).orElse("Probe succeeded")).append('\n');
    m.gauge("probe_success", "Whether the probe succeeded", failureKind.isEmpty() ? 1 : 0);
    m.seconds("probe_duration_seconds", "How long the probe took to complete in seconds",
        Duration.ofNanos(System.nanoTime() - t0));
    m.seconds("probe_timeout_seconds", "The timeout the probe ran with", timeout);
    failureKind.ifPresent(kind -> m.info("probe_failure", "Why the probe failed: a netprobe FailureKind, or"
        + " UNEXPECTED_STATUS, UNEXPECTED_RCODE, SSL_POLICY", "kind", kind));
    return new ProbeResponse(failureKind.isEmpty(), m.text(), log.toString());
  }

  private Probed http(ProbeModule module, String target, Optional<VirtualHost> virtualHost, Duration timeout,
      ProbeMetrics m) {
    HttpProbeRequest request = virtualHost.map(v -> client.http(v.url()).resolve(v.hostname(), v.address()))
        .orElseGet(() -> client.http(httpUrl(target))).timeout(timeout).method(module.option("method").orElse("GET"));
    if (module.flag("follow_redirects", true)) {
      request = request.followRedirects();
    }
    if (module.flag("insecure_skip_verify", false)) {
      request = request.insecure();
    }
    HttpProbeResult r = request.run();
    int status = r.status().orElse(0);
    m.gauge("probe_http_status_code", "Response HTTP status code", status);
    m.gauge("probe_http_version", "Returned version of HTTP", r.version().map(v -> switch (v) {
      case HTTP_1_0 -> 1.0;
      case HTTP_1_1 -> 1.1;
      case HTTP_2 -> 2.0;
      case HTTP_3 -> 3.0;
    }).orElse(0.0));
    m.gauge("probe_http_redirects", "The number of redirects", r.redirectCount());
    boolean ssl = r.finalHop().isPresent() && r.finalUrl().getScheme().equals("https");
    m.gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect", ssl ? 1 : 0);
    m.gauge("probe_http_content_length", "Length of http content response",
        r.headers().first("content-length").filter(v -> v.matches("[0-9]{1,18}")).map(Double::parseDouble)
            .orElse(-1.0));
    Map<String, Double> phases = new LinkedHashMap<>();
    for (String p : List.of("resolve", "connect", "tls", "processing", "transfer")) {
      phases.put(p, 0.0);
    }
    for (HttpHop hop : r.hops()) {
      PhaseTimings t = hop.timings();
      Duration connected = t.tlsHandshake().orElse(t.connect());
      phases.merge("resolve", seconds(t.dnsPhase()), Double::sum);
      phases.merge("connect", seconds(t.tcpPhase()), Double::sum);
      phases.merge("tls", seconds(t.tlsPhase()), Double::sum);
      phases.merge("processing", seconds(t.firstByte().minus(connected)), Double::sum);
      phases.merge("transfer", seconds(t.transferPhase()), Double::sum);
    }
    m.gauge("probe_http_duration_seconds", "Duration of http request by phase, summed over all redirects", "phase",
        phases);
    if (!r.hops().isEmpty()) {
      m.seconds("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
          r.hops().get(0).timings().nameLookup());
    }
    r.remote().map(a -> a.getAddress()).ifPresent(a -> ipProtocol(a, m));
    r.headers().first("last-modified").flatMap(BlackboxProber::httpDate).ifPresent(epoch ->
        m.gauge("probe_http_last_modified_timestamp_seconds", "Returns the Last-Modified HTTP response header in"
            + " unixtime", epoch));
    r.tls().ifPresent(t -> tls(t, m));
    if (r.failure().isPresent()) {
      return new Probed(r, Optional.of(r.failure().get().kind().name()));
    }
    boolean statusOk = module.validStatusCodes().stream().anyMatch(range -> status >= range[0] && status <= range[1]);
    if (!statusOk) {
      return new Probed(r, Optional.of("UNEXPECTED_STATUS"));
    }
    if (ssl && module.flag("fail_if_ssl", false) || !ssl && module.flag("fail_if_not_ssl", false)) {
      return new Probed(r, Optional.of("SSL_POLICY"));
    }
    return new Probed(r, Optional.empty());
  }

  private static void tls(TlsInfo t, ProbeMetrics m) {
    t.earliestExpiry().ifPresent(e -> {
      m.gauge("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime", e.getEpochSecond());
      m.gauge("probe_ssl_last_chain_expiry_timestamp_seconds", "Returns last SSL chain expiry in timestamp",
          e.getEpochSecond());
    });
    m.info("probe_tls_version", "Returns the TLS version used or NaN when unknown", "version",
        tlsVersion(t.protocol()));
    m.info("probe_tls_cipher", "Returns the TLS cipher negotiated during handshake", "cipher", t.cipherSuite());
    t.leaf().ifPresent(leaf -> {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("fingerprint_sha256", leaf.sha256Fingerprint().replace(":", "").toLowerCase(Locale.ROOT));
      labels.put("subject", leaf.subject());
      labels.put("issuer", leaf.issuer());
      labels.put("subjectalternative", String.join(",", leaf.subjectAlternativeNames().stream()
          .filter(n -> !Host.of(n).isLiteral()).toList()));
      labels.put("serialnumber", serialNumber(leaf.serialNumber()));
      m.info("probe_ssl_last_chain", "Contains SSL leaf certificate information", labels);
    });
  }

  /** Go's names for TLS versions, which blackbox_exporter reports: {@code TLSv1.3} → {@code TLS 1.3}. */
  static String tlsVersion(String jdkName) {
    return jdkName.startsWith("TLSv") ? "TLS " + jdkName.substring(4) : jdkName;
  }

  /**
   * The serial as blackbox writes it: lower-case hex of the number's magnitude (Go's {@code SerialNumber.Bytes()}),
   * without the sign byte Java's {@code BigInteger.toByteArray()} puts before a high first bit.
   */
  static String serialNumber(String hexOfJavaBytes) {
    String hex = hexOfJavaBytes.toLowerCase(Locale.ROOT);
    return hex.length() > 2 && hex.startsWith("00") ? hex.substring(2) : hex;
  }

  /** blackbox's {@code probe_ip_addr_hash}: FNV-1a (32 bit) over the address's 4 or 16 bytes. */
  static long ipHash(InetAddress address) {
    long hash = 0x811c9dc5L;
    for (byte b : address.getAddress()) {
      hash ^= b & 0xff;
      hash = (hash * 0x01000193L) & 0xffffffffL;
    }
    return hash;
  }

  private Probed tcp(String target, Duration timeout, ProbeMetrics m) {
    HostPort hp = HostPort.parse("target", target);
    TcpConnectResult r = client.tcp(hp.host().input(), hp.port().orElseThrow()).timeout(timeout).run();
    m.seconds("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
        r.resolveTime());
    r.address().ifPresent(a -> ipProtocol(a, m));
    r.connectTime().ifPresent(c -> m.seconds("probe_tcp_connect_duration_seconds",
        "Time taken by the TCP handshake (netprobe)", c));
    return new Probed(r, failureKind(r));
  }

  private Probed icmp(ProbeModule module, String target, Duration timeout, ProbeMetrics m) {
    int count = module.icmpCount();
    Duration interval = module.icmpInterval();
    Duration replyTimeout = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
    PingResult r = client.ping(HostPort.parse("target", target).host().input()).count(count).interval(interval)
        .replyTimeout(replyTimeout).timeout(timeout).run();
    r.address().ifPresent(a -> ipProtocol(a, m));
    m.gauge("probe_icmp_packets_sent", "Echo requests sent (netprobe)", r.transmitted());
    m.gauge("probe_icmp_packets_received", "Distinct echo replies received (netprobe)", r.received());
    m.gauge("probe_icmp_packet_loss_ratio", "Fraction of echo requests without a reply, 0 to 1 (netprobe)",
        r.transmitted() == 0 ? 1 : r.lossPercent() / 100);
    if (r.received() > 0) {
      PingStatistics s = r.statistics();
      m.gauge("probe_icmp_duration_seconds", "Duration of icmp request by phase (rtt: the average round trip)",
          "phase", Map.of("rtt", seconds(s.avg())));
      m.seconds("probe_icmp_rtt_min_seconds", "Shortest round trip (netprobe)", s.min());
      m.seconds("probe_icmp_rtt_avg_seconds", "Average round trip (netprobe)", s.avg());
      m.seconds("probe_icmp_rtt_max_seconds", "Longest round trip (netprobe)", s.max());
      m.seconds("probe_icmp_rtt_mdev_seconds", "Standard deviation of the round trips, as ping's mdev (netprobe)",
          s.mdev());
      m.seconds("probe_icmp_rtt_jitter_seconds", "Mean difference between consecutive round trips (netprobe)",
          s.jitter());
      r.replies().stream().filter(p -> p.ttl() >= 0).findFirst().ifPresent(p ->
          m.gauge("probe_icmp_reply_hop_limit", "Replied packet hop limit (TTL for ipv4)", p.ttl()));
    }
    return new Probed(r, r.received() > 0 ? Optional.empty()
        : Optional.of(r.failureKind().orElse(FailureKind.TIMEOUT).name()));
  }

  private Probed dns(ProbeModule module, String target, Duration timeout, ProbeMetrics m) {
    HostPort server = HostPort.parse("target", target);
    DnsRequest request = client.dns(module.option("query_name").orElseThrow().trim())
        .server(server.host().input(), server.portOr(53))
        .type(module.option("query_type").orElse("A").trim())
        .timeout(timeout);
    if (module.option("transport_protocol").map(p -> p.trim().equalsIgnoreCase("tcp")).orElse(false)) {
      request = request.tcp();
    }
    if (!module.flag("recursion_desired", true)) {
      request = request.noRecursion();
    }
    DnsResult r = request.run();
    boolean answered = r.header().isPresent();
    m.gauge("probe_dns_query_succeeded", "Displays whether or not the query was executed successfully",
        answered ? 1 : 0);
    r.queryTime().ifPresent(q -> m.gauge("probe_dns_duration_seconds", "Duration of DNS request by phase", "phase",
        Map.of("request", seconds(q))));
    m.gauge("probe_dns_answer_rrs", "Returns number of entries in the answer resource record list",
        r.answers().size());
    m.gauge("probe_dns_authority_rrs", "Returns number of entries in the authority resource record list",
        r.authority().size());
    m.gauge("probe_dns_additional_rrs", "Returns number of entries in the additional resource record list",
        r.additional().size());
    r.answers().stream().filter(a -> a.type().equals(RecordType.SOA)).findFirst().flatMap(DnsAnswer::soa)
        .ifPresent(soa -> m.gauge("probe_dns_serial", "Returns the serial number of the zone", soa.serial()));
    r.server().map(s -> s.getAddress()).ifPresent(a -> ipProtocol(a, m));
    if (!answered) {
      return new Probed(r, failureKind(r));
    }
    Set<String> valid = Set.of(module.option("valid_rcodes").orElse("NOERROR").toUpperCase(Locale.ROOT)
        .replace(" ", "").split(","));
    return new Probed(r, valid.contains(r.rcode().orElseThrow()) ? Optional.empty()
        : Optional.of("UNEXPECTED_RCODE"));
  }

  private static Optional<String> failureKind(ProbeResult r) {
    return r.failure().map(ProbeFailure::kind).map(Enum::name);
  }

  private static void ipProtocol(InetAddress a, ProbeMetrics m) {
    m.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6", a instanceof Inet6Address ? 6 : 4);
    m.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
        ipHash(a));
  }

  /** blackbox's rule: a target without a scheme is an http URL. */
  static String httpUrl(String target) {
    return target.contains("://") ? target : "http://" + target;
  }

  private static Optional<Long> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
