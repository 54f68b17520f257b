package io.netprobe.exporter.internal.probe;

import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.exporter.internal.config.DnsOptions;
import io.netprobe.exporter.internal.config.TlsConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** blackbox's dns prober: one query, no EDNS, one try. Stateless and thread-safe. */
final class DnsProber {
  static final String DURATION = "probe_dns_duration_seconds";
  private static final String DURATION_HELP = "Duration of DNS request by phase";

  private DnsProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    DnsOptions d = c.module().dns();
    MetricSet m = c.metrics();
    for (String phase : new String[] {"resolve", "connect", "request"}) {
      m.gauge(DURATION, DURATION_HELP, 0, "phase", phase);
    }
    m.gauge("probe_dns_answer_rrs", "Returns number of entries in the answer resource record list", 0);
    m.gauge("probe_dns_authority_rrs", "Returns number of entries in the authority resource record list", 0);
    m.gauge("probe_dns_additional_rrs", "Returns number of entries in the additional resource record list", 0);
    m.gauge("probe_dns_query_succeeded", "Displays whether or not the query was executed successfully", 0);
    Targets.HostPort hp = Targets.hostPort(c.target(), false);
    return Resolve.address(c, hp.host(), d.ip()).thenCompose(address -> {
      m.gauge(DURATION, DURATION_HELP, m.value("probe_dns_lookup_time_seconds"), "phase", "resolve");
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(address.failed());
      }
      // blackbox's default port: 853 for DNS over TLS, 53 otherwise
      int port = hp.port() > 0 ? hp.port() : d.dnsOverTls() ? 853 : 53;
      DnsRequest q = c.client().dns(d.queryName()).type(d.queryType())
          .server(address.get().getHostAddress(), port)
          .noEdns().tries(1).timeout(c.timeout());
      if (d.dnsOverTls()) {
        try {
          q = overTls(q, d.tlsConfig());
        } catch (IllegalArgumentException e) {
          c.log().error("Error creating the TLS configuration err=\"" + e.getMessage() + "\"");
          return CompletableFuture.completedFuture(Verdict.failed("INVALID_REQUEST"));
        }
      } else if (d.transportProtocol().equals("tcp")) {
        q = q.tcp();
      }
      if (d.ip().sourceAddress().isPresent()) {
        q = q.source(d.ip().sourceAddress().get());
      }
      if (!d.queryClass().equals("IN")) {
        q = q.dnsClass(io.netprobe.dns.DnsClass.of(d.queryClass()));
      }
      if (!d.recursionDesired()) {
        q = q.noRecursion();
      }
      c.log().info("Making DNS query target=" + hp.host() + " qname=" + d.queryName() + " qtype=" + d.queryType());
      return q.runAsync().thenApply(r -> judge(c, d, r));
    });
  }

  /**
   * blackbox's {@code dns_over_tls} with its {@code tls_config}: verified unless insecure_skip_verify.
   *
   * @throws IllegalArgumentException when the minimum TLS version is above the maximum
   */
  private static DnsRequest overTls(DnsRequest q, TlsConfig tls) {
    DnsRequest r = q.overTls();
    if (TlsFiles.ca(tls).isPresent()) {
      r = r.tlsCaFile(TlsFiles.ca(tls).get());
    }
    if (tls.serverName().isPresent()) {
      r = r.tlsServerName(tls.serverName().get());
    }
    if (tls.clientCertificate()) {
      r = r.tlsClientCertificate(TlsFiles.cert(tls).orElseThrow(), TlsFiles.key(tls).orElseThrow());
    }
    if (tls.minVersion().isPresent() || tls.maxVersion().isPresent()) {
      r = r.tlsVersions(tls.minVersion().map(HttpExtras::version).orElse(null),
          tls.maxVersion().map(HttpExtras::version).orElse(null));
    }
    // last: naming a CA file turns verification on
    return r.tlsVerify(!tls.insecureSkipVerify());
  }

  private static Verdict judge(ProbeContext c, DnsOptions d, DnsResult r) {
    MetricSet m = c.metrics();
    if (r.header().isEmpty()) {
      r.queryTime().ifPresent(q -> m.gauge(DURATION, DURATION_HELP, MetricSet.seconds(q), "phase", "request"));
      m.gauge(DURATION, DURATION_HELP, MetricSet.seconds(r.elapsed()) - m.value(DURATION, "phase", "request"),
          "phase", "connect");
      c.log().error("Error while sending a DNS query err=\"" + r.failure().map(f -> f.message()).orElse("") + "\"");
      return Verdict.of(r);
    }
    double request = r.queryTime().map(MetricSet::seconds).orElse(0.0);
    m.gauge(DURATION, DURATION_HELP, request, "phase", "request");
    m.gauge(DURATION, DURATION_HELP, Math.max(0, MetricSet.seconds(r.elapsed()) - request), "phase", "connect");
    m.gauge("probe_dns_query_succeeded", "Displays whether or not the query was executed successfully", 1);
    m.gauge("probe_dns_answer_rrs", "Returns number of entries in the answer resource record list",
        r.answers().size());
    m.gauge("probe_dns_authority_rrs", "Returns number of entries in the authority resource record list",
        r.authority().size());
    m.gauge("probe_dns_additional_rrs", "Returns number of entries in the additional resource record list",
        r.additional().size());
    if (d.queryType().equals("SOA")) {
      r.answers().stream().filter(a -> a.type().equals(RecordType.SOA)).findFirst().flatMap(DnsAnswer::soa)
          .ifPresent(soa -> m.gauge("probe_dns_serial", "Returns the serial number of the zone", soa.serial()));
    }
    String rcode = r.rcode().orElse("");
    c.log().info("Got response rcode=" + rcode);
    if (!d.validRcodes().contains(rcode)) {
      c.log().error("Rcode is not one of the valid rcodes rcode=" + rcode);
      return Verdict.failed("UNEXPECTED_RCODE", r);
    }
    if (!validate(r.answers(), d.answer(), "answer", c.log()) || !validate(r.authority(), d.authority(),
        "authority", c.log()) || !validate(r.additional(), d.additional(), "additional", c.log())) {
      return Verdict.failed("FAILED_DUE_TO_REGEX", r);
    }
    return Verdict.ok(r);
  }

  /** blackbox's validRRs, over each record as miekg/dns prints it. */
  static boolean validate(List<DnsAnswer> rrs, DnsOptions.RrValidator v, String section, ProbeLog log) {
    List<String> texts = rrs.stream().map(DnsProber::miekg).toList();
    if (texts.isEmpty() && (!v.failIfNotMatches().isEmpty() || !v.failIfNoneMatches().isEmpty())) {
      log.error("fail_if_not_matches_regexp or fail_if_none_matches_regexp specified but no RRs returned in "
          + section);
      return false;
    }
    for (Pattern p : v.failIfMatches()) {
      if (texts.stream().anyMatch(t -> p.matcher(t).find())) {
        log.error("At least one RR matched regexp regexp=" + p + " section=" + section);
        return false;
      }
    }
    for (Pattern p : v.failIfAllMatch()) {
      if (!texts.isEmpty() && texts.stream().allMatch(t -> p.matcher(t).find())) {
        log.error("All RRs matched regexp regexp=" + p + " section=" + section);
        return false;
      }
    }
    for (Pattern p : v.failIfNotMatches()) {
      if (texts.stream().anyMatch(t -> !p.matcher(t).find())) {
        log.error("At least one RR did not match regexp regexp=" + p + " section=" + section);
        return false;
      }
    }
    for (Pattern p : v.failIfNoneMatches()) {
      if (texts.stream().noneMatch(t -> p.matcher(t).find())) {
        log.error("Not a single RR matched regexp regexp=" + p + " section=" + section);
        return false;
      }
    }
    return true;
  }

  /** A record as miekg/dns's {@code RR.String()}: name, TTL, class, type and data, tab-separated. */
  static String miekg(DnsAnswer a) {
    return a.name() + "\t" + a.ttl().getSeconds() + "\t" + a.dnsClass() + "\t" + a.type() + "\t" + a.data();
  }
}
