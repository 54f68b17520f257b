package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.Verdict;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.OriginHint;
import io.netprobe.internal.net.HostParser;
import io.netprobe.diagnose.engine.internal.Observations.DnsObservation;
import io.netprobe.diagnose.engine.internal.Observations.PortsObservation;
import io.netprobe.diagnose.engine.internal.Observations.Reachability;
import io.netprobe.text.ClassicText;
import io.netprobe.text.SsText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the observations in checklist order — network, DNS, HTTP (edge, then origin), local ports — and names the
 * first failing layer. Where a later layer explains an earlier symptom more precisely (a refused connection to this
 * machine whose port listens on loopback only), the more precise finding wins. Not thread-safe: one per run.
 */
final class VerdictRules {
  private static final Set<FailureKind> CONNECT_FAILURES = Set.of(FailureKind.CONNECTION_REFUSED,
      FailureKind.TIMEOUT, FailureKind.CONNECTION_RESET, FailureKind.NETWORK_ERROR, FailureKind.PROTOCOL_ERROR,
      FailureKind.HOST_UNREACHABLE, FailureKind.NETWORK_UNREACHABLE);

  private final Observations seen;
  private final String host;

  VerdictRules(Observations seen) {
    this.seen = seen;
    this.host = seen.host().ascii();
  }

  Verdict verdict() {
    return offline()
        .or(this::dnsFailure)
        .or(this::staleDnsAnswer)
        .or(this::httpFailure)
        .or(this::localPortFailure)
        .orElseGet(this::healthyOrIncomplete);
  }

  // ---- 1. network ---------------------------------------------------------------------------------------------

  private Optional<Verdict> offline() {
    List<Reachability> probed = seen.targets().stream().filter(Reachability::probed).toList();
    if (probed.isEmpty() || probed.stream().anyMatch(Reachability::reachable) || seen.siteAnswered()) {
      // a site that answered proves the machine is online, whatever a firewall does to the well-known addresses
      return Optional.empty();
    }
    List<String> evidence = new ArrayList<>();
    probed.forEach(r -> evidence.addAll(reachEvidence(r)));
    String targets = String.join(", ", probed.stream().map(r -> r.host().ascii()).toList());
    return Optional.of(Verdict.of(Finding.OFFLINE, Optional.of(Layer.NETWORK), evidence, targets));
  }

  private static List<String> reachEvidence(Reachability r) {
    List<String> lines = new ArrayList<>();
    r.ping().get().ifPresent(p -> lines.add("ping " + r.host().ascii() + ": " + ClassicText.summary(p)));
    r.tcp().flatMap(ProbeAttempt::get).ifPresent(t -> lines.add("tcp " + r.host().uriHost() + ":" + r.port() + ": "
        + ClassicText.summary(t)));
    return lines;
  }

  // ---- 2. DNS -------------------------------------------------------------------------------------------------

  private Optional<Verdict> dnsFailure() {
    Optional<DnsObservation> dns = seen.dns();
    if (dns.isEmpty() || !dns.get().addresses().isEmpty()) {
      return Optional.empty();
    }
    DnsObservation d = dns.get();
    List<String> evidence = new ArrayList<>();
    d.a().get().ifPresent(r -> evidence.add("dig " + host + " A: " + ClassicText.summary(r)));
    d.aaaa().get().ifPresent(r -> evidence.add("dig " + host + " AAAA: " + ClassicText.summary(r)));
    d.system().filter(s -> !s.ok()).ifPresent(s -> evidence.add("system resolver: " + ClassicText.failure(s.failure())));
    Optional<ProbeFailure> failure = d.a().get().flatMap(DnsResult::failure)
        .or(() -> d.system().map(s -> s.failure()));
    if (failure.isEmpty()) {
      if (!d.a().ran()) {
        return Optional.of(Verdict.of(Finding.INCOMPLETE, Optional.of(Layer.DNS), evidence, "DNS",
            d.a().reason()));
      }
      return Optional.of(Verdict.of(Finding.NO_ADDRESS, Optional.of(Layer.DNS), evidence, host));
    }
    ProbeFailure f = failure.get();
    if (ProbeAttempt.isLocal(f)) {
      return Optional.of(Verdict.of(Finding.LOCAL_RESOURCES, Optional.of(Layer.DNS), evidence, "DNS for " + host,
          ClassicText.failure(f)));
    }
    Finding finding = switch (f.kind()) {
      case NAME_NOT_FOUND -> Finding.NXDOMAIN;
      case NO_DATA -> Finding.NO_ADDRESS;
      case TIMEOUT -> Finding.DNS_TIMEOUT;
      default -> Finding.DNS_SERVER_FAILURE;
    };
    return Optional.of(Verdict.of(finding, Optional.of(Layer.DNS), evidence, host, ClassicText.failure(f)));
  }

  /** The address in use does not answer while the comparison resolver's different address does: a stale answer. */
  private Optional<Verdict> staleDnsAnswer() {
    Optional<Observations.OtherAddress> other = seen.staleAnswer();
    if (other.isEmpty()) {
      return Optional.empty();
    }
    HttpProbeResult r = seen.http().result();
    String resolver = HostParser.format(seen.spec().compareResolver().orElseThrow().getAddress());
    String port = String.valueOf(seen.spec().urlPort());
    List<String> evidence = new ArrayList<>();
    evidence.add("curl -IL " + seen.spec().url() + ": " + ClassicText.summary(r));
    seen.hostReach().ifPresent(h -> evidence.addAll(reachEvidence(h)));
    seen.dns().flatMap(DnsObservation::compare).flatMap(ProbeAttempt::get)
        .ifPresent(c -> evidence.add("dig @" + resolver + " " + host + " A: " + ClassicText.summary(c)));
    evidence.add(LayerJudge.otherAddressTitle(other.get(), seen.spec().urlPort()) + ": "
        + ClassicText.summary(other.get().connect().result()));
    String ours = seen.target().map(HostParser::format).orElse("?");
    return Optional.of(Verdict.of(Finding.DNS_STALE_ANSWER, Optional.of(Layer.DNS), evidence, host, ours,
        ClassicText.failure(r.failure().orElseThrow()), resolver, HostParser.format(other.get().address()), port));
  }

  // ---- 3. HTTP: TLS, edge, origin -----------------------------------------------------------------------------

  private Optional<Verdict> httpFailure() {
    Optional<HttpProbeResult> result = seen.http().get();
    if (result.isEmpty()) {
      return Optional.empty();
    }
    HttpProbeResult r = result.get();
    List<String> evidence = new ArrayList<>();
    evidence.add("curl -IL " + seen.spec().url() + ": " + ClassicText.summary(r));
    seen.path().edge().ifPresent(e -> evidence.add("edge: " + e.provider().displayName() + " ("
        + String.join("; ", e.evidence()) + ")"));
    if (r.failure().isPresent()) {
      return Optional.of(transportFailure(r, r.failure().get(), evidence));
    }
    int status = r.status().orElse(0);
    String statusLine = r.finalHop().map(HttpHop::statusLine).orElse("HTTP " + status);
    String finalHost = r.finalUrl().getHost();
    Optional<EdgeInfo> edge = seen.path().edge();
    if (edge.isPresent()) {
      String provider = edge.get().provider().displayName();
      if (edge.get().provider() == EdgeProvider.CLOUDFLARE && EdgeOriginErrors.CLOUDFLARE_CODES.contains(status)) {
        return Optional.of(new EdgeOriginErrors(seen).verdict(provider, statusLine, status, evidence));
      }
      if ((status == 403 || status == 429) && r.headers().first("cf-mitigated").isPresent()) {
        return Optional.of(Verdict.of(Finding.EDGE_CHALLENGE, Optional.of(Layer.HTTP), evidence, provider,
            String.valueOf(status)));
      }
      if (status >= 500) {
        return Optional.of(Verdict.of(Finding.ORIGIN_ERROR_BEHIND_EDGE, Optional.of(Layer.HTTP), evidence,
            provider, statusLine, softwareHint()));
      }
    } else if (status >= 500) {
      return Optional.of(Verdict.of(Finding.ORIGIN_SERVER_ERROR, Optional.of(Layer.HTTP), evidence, finalHost,
          statusLine, softwareHint()));
    }
    if (status == 401 || status == 403) {
      return Optional.of(Verdict.of(Finding.ACCESS_DENIED, Optional.of(Layer.HTTP), evidence, finalHost, statusLine));
    }
    if (status >= 400) {
      return Optional.of(Verdict.of(Finding.HTTP_CLIENT_ERROR, Optional.of(Layer.HTTP), evidence, finalHost,
          statusLine));
    }
    return Optional.empty();
  }

  private Verdict transportFailure(HttpProbeResult r, ProbeFailure f, List<String> evidence) {
    String failedHost = r.hops().isEmpty() ? host : r.hops().get(r.hops().size() - 1).location()
        .map(java.net.URI::getHost).orElse(host);
    String detail = ClassicText.failure(f);
    Optional<Layer> http = Optional.of(Layer.HTTP);
    switch (f.kind()) {
      case TLS_CERTIFICATE_EXPIRED:
        return Verdict.of(Finding.TLS_EXPIRED, http, evidence, failedHost, f.message());
      case TLS_CERTIFICATE_NOT_YET_VALID:
        return Verdict.of(Finding.TLS_NOT_YET_VALID, http, evidence, failedHost, f.message());
      case TLS_UNTRUSTED:
        return Verdict.of(Finding.TLS_UNTRUSTED, http, evidence, failedHost, f.message());
      case TLS_HOSTNAME_MISMATCH:
        return Verdict.of(Finding.TLS_HOSTNAME_MISMATCH, http, evidence, failedHost, f.message());
      case TLS_HANDSHAKE:
        return Verdict.of(Finding.TLS_HANDSHAKE, http, evidence, failedHost, f.message());
      case NAME_NOT_FOUND:
        return Verdict.of(Finding.NXDOMAIN, Optional.of(Layer.DNS), evidence, failedHost, detail);
      case REDIRECT_LOOP:
      case TOO_MANY_REDIRECTS:
        return seen.path().edge()
            .map(e -> Verdict.of(Finding.EDGE_REDIRECT_LOOP, http, evidence, e.provider().displayName(), detail))
            .orElseGet(() -> Verdict.of(Finding.REDIRECT_LOOP, http, evidence, host, detail));
      default:
        break;
    }
    if (ProbeAttempt.isLocal(f)) {
      return Verdict.of(Finding.LOCAL_RESOURCES, http, evidence, seen.spec().url().toString(), detail);
    }
    if (!CONNECT_FAILURES.contains(f.kind())) {
      return Verdict.of(Finding.INCOMPLETE, http, evidence, "HTTP", detail);
    }
    Optional<Verdict> local = localPortFailure();
    if (local.isPresent()) {
      List<String> both = new ArrayList<>(local.get().evidence());
      both.addAll(evidence);
      return Verdict.of(local.get().finding(), local.get().layer(), both,
          local.get().arguments().toArray(String[]::new));
    }
    String target = seen.target().map(HostParser::format).orElse(host);
    if (f.kind() == FailureKind.HOST_UNREACHABLE || f.kind() == FailureKind.NETWORK_UNREACHABLE) {
      return Verdict.of(Finding.HOST_UNREACHABLE, Optional.of(Layer.NETWORK), evidence, target, detail);
    }
    if (seen.path().edge().isPresent() && seen.path().edgeInDns()) {
      return Verdict.of(Finding.EDGE_UNREACHABLE, http, evidence,
          seen.path().edge().get().provider().displayName(), target, detail);
    }
    String port = String.valueOf(seen.spec().urlPort());
    return switch (f.kind()) {
      case CONNECTION_REFUSED -> Verdict.of(Finding.ORIGIN_REFUSED, http, evidence, host, port);
      case TIMEOUT -> Verdict.of(Finding.ORIGIN_TIMEOUT, http, evidence, host, port);
      default -> Verdict.of(Finding.ORIGIN_BROKEN_RESPONSE, http, evidence, host, detail);
    };
  }

  private String softwareHint() {
    List<OriginHint> hints = seen.path().originHints();
    return hints.isEmpty() ? "" : " (" + String.join(", ", hints.stream().map(OriginHint::technology).toList()) + ")";
  }

  // ---- 4. local ports -----------------------------------------------------------------------------------------

  private Optional<Verdict> localPortFailure() {
    Optional<PortsObservation> ports = seen.ports();
    if (ports.isEmpty() || !ports.get().urlPortMatters() || !ports.get().listing().succeeded()) {
      return Optional.empty();
    }
    PortsObservation p = ports.get();
    for (PortState state : PortState.of(p, p.listing().result())) {
      if (state.port() != p.urlPort()) {
        continue;
      }
      String port = String.valueOf(state.port());
      List<String> evidence = new ArrayList<>();
      if (state.kind() == PortState.Kind.NOT_LISTENING) {
        evidence.add("ss -tlnp sport = :" + port + ": nothing listens");
        return Optional.of(Verdict.of(Finding.PORT_NOT_LISTENING, Optional.of(Layer.LOCAL_PORTS), evidence, port));
      }
      boolean unreachableAtTarget = seen.target().map(t -> !state.acceptsOn(t)).orElse(false);
      if (state.kind() == PortState.Kind.LOOPBACK_ONLY && unreachableAtTarget) {
        state.sockets().forEach(s -> evidence.add("ss -tlnp sport = :" + port + ": " + SsText.summary(s)));
        return Optional.of(Verdict.of(Finding.PORT_LOOPBACK_ONLY, Optional.of(Layer.LOCAL_PORTS), evidence, port,
            state.boundAddresses()));
      }
    }
    return Optional.empty();
  }

  // ---- 5. nothing failed --------------------------------------------------------------------------------------

  private Verdict healthyOrIncomplete() {
    Optional<HttpProbeResult> http = seen.http().get();
    if (http.isEmpty()) {
      return Verdict.of(Finding.INCOMPLETE, Optional.of(Layer.HTTP), List.of(), "HTTP", seen.http().reason());
    }
    HttpProbeResult r = http.get();
    List<String> evidence = new ArrayList<>();
    evidence.add("curl -IL " + seen.spec().url() + ": " + ClassicText.summary(r));
    String status = r.finalHop().map(HttpHop::statusLine).orElse("");
    return Verdict.of(Finding.HEALTHY, Optional.empty(), evidence, seen.spec().url().toString(), status);
  }
}
