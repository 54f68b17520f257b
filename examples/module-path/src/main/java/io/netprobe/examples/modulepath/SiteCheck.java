package io.netprobe.examples.modulepath;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import java.time.Duration;
import java.util.Objects;

/**
 * A user's own health check built on netprobe — the seed's checklist in a few lines: does the name resolve, and does
 * the site answer? It takes a {@link ProbeClient} so that its test can hand it fakes.
 *
 * <p>Thread-safe.
 */
public final class SiteCheck {
  /** What the check concludes. */
  public enum Status {
    HEALTHY,
    DNS_BROKEN,
    SITE_DOWN,
    SITE_ERROR
  }

  /** The conclusion and why. */
  public record Report(Status status, String reason) {}

  private final ProbeClient probes;
  private final String host;

  public SiteCheck(ProbeClient probes, String host) {
    this.probes = Objects.requireNonNull(probes, "probes");
    this.host = Objects.requireNonNull(host, "host");
  }

  public Report check() {
    DnsResult dns = probes.dns(host).timeout(Duration.ofSeconds(2)).run();
    if (!dns.isSuccess()) {
      FailureKind kind = dns.failureKind().orElseThrow();
      return new Report(Status.DNS_BROKEN, "DNS: " + kind + " (" + dns.failure().orElseThrow().message() + ")");
    }
    HttpProbeResult http = probes.http("https://" + host + "/").timeout(Duration.ofSeconds(5)).run();
    if (!http.isSuccess()) {
      return new Report(Status.SITE_DOWN, "HTTP: " + http.failureKind().orElseThrow() + " ("
          + http.failure().orElseThrow().message() + ")");
    }
    int status = http.status().orElseThrow();
    if (status >= 500) {
      return new Report(Status.SITE_ERROR, "HTTP " + status + " from " + http.finalUrl());
    }
    return new Report(Status.HEALTHY, dns.addresses().size() + " address(es), HTTP " + status);
  }
}
