package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeResult;
import io.netprobe.diagnose.Check;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.LayerResult;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Remark;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.internal.net.HostParser;
import io.netprobe.internal.SystemResolver;
import io.netprobe.diagnose.engine.internal.Observations.DnsObservation;
import io.netprobe.diagnose.engine.internal.Observations.PortsObservation;
import io.netprobe.diagnose.engine.internal.Observations.Reachability;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.text.ClassicText;
import io.netprobe.text.SsText;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns observations into per-layer checks with statuses, and collects the notes. Not thread-safe: one per run.
 */
final class LayerJudge {
  /** Certificates expiring within this many days earn a note. */
  static final long EXPIRY_WARNING_DAYS = 14;

  private final Observations seen;
  private final List<Note> notes = new ArrayList<>();
  private final List<LayerResult> layers = new ArrayList<>();

  LayerJudge(Observations seen) {
    this.seen = seen;
    network().ifPresent(layers::add);
    seen.dns().map(this::dns).ifPresent(layers::add);
    layers.add(http());
    seen.origin().map(this::origin).ifPresent(layers::add);
    seen.ports().map(this::ports).ifPresent(layers::add);
  }

  List<LayerResult> layers() {
    return List.copyOf(layers);
  }

  List<Note> notes() {
    return List.copyOf(notes);
  }

  // ---- network ------------------------------------------------------------------------------------------------

  private Optional<LayerResult> network() {
    if (seen.targets().isEmpty() && seen.hostReach().isEmpty()) {
      return Optional.empty();
    }
    List<Check> checks = new ArrayList<>();
    seen.targets().forEach(r -> checks.addAll(reachChecks(r)));
    seen.hostReach().ifPresent(r -> checks.addAll(reachChecks(r)));

    List<Reachability> probed = seen.targets().stream().filter(Reachability::probed).toList();
    boolean anyTargetUp = probed.stream().anyMatch(Reachability::reachable);
    // a silent host is judged by the HTTP layer (origin timeout); only "no route" is the network's fault
    boolean hostDown = seen.hostReach().map(r -> !r.reachable() && r.unroutable()).orElse(false);
    CheckStatus status;
    boolean offline = !probed.isEmpty() && !anyTargetUp && !seen.siteAnswered();
    if (offline || hostDown) {
      status = CheckStatus.FAILED;
    } else if (checks.stream().allMatch(c -> c.status() == CheckStatus.SKIPPED)) {
      status = CheckStatus.SKIPPED;
    } else {
      status = checks.stream().map(Check::status).filter(s -> s != CheckStatus.SKIPPED)
          .reduce(CheckStatus.PASSED, CheckStatus::worse) == CheckStatus.PASSED ? CheckStatus.PASSED
          : CheckStatus.WARNING;
    }
    for (Reachability r : probed) {
      if (!r.reachable() && (anyTargetUp || seen.siteAnswered())) {
        notes.add(Note.of(Remark.TARGET_UNREACHABLE, r.host().ascii()));
      }
    }
    for (Reachability r : allReaches()) {
      if (r.ping().ran() && !r.ping().succeeded() && r.tcp().map(ProbeAttempt::succeeded).orElse(false)) {
        notes.add(Note.of(Remark.ICMP_FILTERED, r.host().ascii(), String.valueOf(r.port())));
      }
    }
    return Optional.of(new LayerResult(Layer.NETWORK, status, checks));
  }

  private List<Reachability> allReaches() {
    List<Reachability> all = new ArrayList<>(seen.targets());
    seen.hostReach().ifPresent(all::add);
    return all;
  }

  private static List<Check> reachChecks(Reachability r) {
    List<Check> checks = new ArrayList<>();
    String pingTitle = "ping " + r.host().ascii();
    boolean fallbackWorked = r.tcp().map(ProbeAttempt::succeeded).orElse(false);
    checks.add(check(pingTitle, r.ping(), ClassicText::summary,
        p -> p.isSuccess() ? CheckStatus.PASSED : fallbackWorked ? CheckStatus.WARNING : CheckStatus.FAILED));
    r.tcp().ifPresent(t -> {
      String why = r.ping().ran() ? "no ICMP reply" : "ping not available";
      checks.add(check("tcp " + r.host().uriHost() + ":" + r.port() + " (fallback: " + why + ")", t,
          ClassicText::summary, c -> c.isSuccess() ? CheckStatus.PASSED : CheckStatus.FAILED));
    });
    return checks;
  }

  // ---- DNS ----------------------------------------------------------------------------------------------------

  private LayerResult dns(DnsObservation d) {
    String name = seen.host().ascii();
    boolean resolved = !d.addresses().isEmpty();
    List<Check> checks = new ArrayList<>();
    String at = seen.spec().dnsServer().map(s -> "@" + HostParser.format(s.getAddress())
        + (s.getPort() == 53 ? "" : " -p " + s.getPort()) + " ").orElse("");
    boolean notInDns = false;
    for (ProbeAttempt<DnsResult> o : List.of(d.a(), d.aaaa())) {
      String type = o == d.a() ? "A" : "AAAA";
      checks.add(check("dig " + at + name + " " + type, o, ClassicText::summary, r -> {
        boolean noneOfThisType = r.failureKind().filter(k -> k == FailureKind.NO_DATA).isPresent();
        if (r.isSuccess() || (noneOfThisType && resolved)) {
          return CheckStatus.PASSED;
        }
        return resolved ? CheckStatus.WARNING : CheckStatus.FAILED;
      }));
      notInDns |= o.get().flatMap(ProbeResult::failureKind).filter(k -> k == FailureKind.NAME_NOT_FOUND).isPresent();
    }
    d.system().ifPresent(s -> checks.add(systemCheck(name, s, resolved)));
    if (notInDns && resolved && d.system().map(SystemResolver.Resolution::ok).orElse(false)) {
      notes.add(Note.of(Remark.NOT_IN_DNS, name));
    }
    d.compare().ifPresent(c -> checks.add(compareCheck(name, d, c)));
    seen.otherAddress().ifPresent(o -> checks.add(check(otherAddressTitle(o, seen.spec().urlPort()), o.connect(), ClassicText::summary,
        t -> t.isSuccess() ? CheckStatus.PASSED : CheckStatus.WARNING)));

    CheckStatus status;
    if (seen.staleAnswer().isPresent()) {
      status = CheckStatus.FAILED;
    } else if (!resolved) {
      status = checks.stream().allMatch(c -> c.status() == CheckStatus.SKIPPED) ? CheckStatus.SKIPPED
          : CheckStatus.FAILED;
    } else {
      status = checks.stream().anyMatch(c -> c.status() == CheckStatus.WARNING || c.status() == CheckStatus.FAILED)
          ? CheckStatus.WARNING : CheckStatus.PASSED;
    }
    return new LayerResult(Layer.DNS, status, checks);
  }

  /** The connect that tells a stale answer from a legitimately different one, e.g. {@code tcp 198.51.100.9:443}. */
  static String otherAddressTitle(Observations.OtherAddress o, int port) {
    return "tcp " + io.netprobe.core.Host.of(o.address().getHostAddress()).uriHost() + ":" + port
        + " (the comparison resolver's address)";
  }

  private static Check systemCheck(String name, SystemResolver.Resolution s, boolean resolved) {
    String title = "system resolver (getaddrinfo) " + name;
    if (s.ok()) {
      return new Check(title, CheckStatus.PASSED, ClassicText.addresses(s.addresses()), Optional.empty());
    }
    return new Check(title, resolved ? CheckStatus.WARNING : CheckStatus.FAILED,
        ClassicText.failure(s.failure()), Optional.empty());
  }

  private Check compareCheck(String name, DnsObservation d, ProbeAttempt<DnsResult> compare) {
    String resolver = HostParser.format(seen.spec().compareResolver().orElseThrow().getAddress());
    String title = "dig @" + resolver + " " + name + " A (comparison)";
    if (!compare.ran()) {
      return Check.skipped(title, compare.reason());
    }
    DnsResult r = compare.result();
    Set<InetAddress> theirs = new HashSet<>(r.addresses());
    Set<InetAddress> ours = d.addresses().stream().filter(a -> a instanceof java.net.Inet4Address)
        .collect(Collectors.toSet());
    if (theirs.equals(ours)) {
      return new Check(title, CheckStatus.PASSED, ClassicText.summary(r) + " — same answer", Optional.of(r));
    }
    String ourText = ours.isEmpty() ? "nothing" : ClassicText.addresses(List.copyOf(ours));
    String theirText = r.isSuccess() ? ClassicText.addresses(r.addresses())
        : r.rcode().orElse(r.failureKind().map(Enum::name).orElse("nothing"));
    notes.add(Note.of(Remark.RESOLVERS_DISAGREE, name, resolver, ourText, theirText));
    return new Check(title, CheckStatus.WARNING, ClassicText.summary(r) + " — differs from " + ourText, Optional.of(r));
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  private LayerResult http() {
    String title = "curl -IL " + seen.spec().url();
    Check check = check(title, seen.http(), ClassicText::summary, this::httpStatus);
    return new LayerResult(Layer.HTTP, check.status(), List.of(check));
  }

  private CheckStatus httpStatus(HttpProbeResult r) {
    if (!r.isSuccess() || r.status().orElse(0) >= 400) {
      return CheckStatus.FAILED;
    }
    Optional<Long> days = r.tls().flatMap(t -> t.daysUntilLeafExpires(Instant.now()));
    if (days.isPresent() && days.get() < EXPIRY_WARNING_DAYS) {
      notes.add(Note.of(Remark.CERTIFICATE_EXPIRES_SOON, r.finalUrl().getHost(), String.valueOf(days.get())));
      return CheckStatus.WARNING;
    }
    return CheckStatus.PASSED;
  }

  private LayerResult origin(ProbeAttempt<HttpProbeResult> origin) {
    String address = seen.spec().origin().map(HostParser::format).orElse("?");
    String title = "curl -I --resolve " + seen.host().ascii() + ":" + seen.spec().urlPort() + ":" + address + " "
        + seen.spec().url();
    boolean edgeWorks = seen.http().get().map(h -> h.isSuccess() && h.status().orElse(0) < 500).orElse(false);
    Check check = check(title, origin, ClassicText::summary, r -> {
      if (r.isSuccess() && r.status().orElse(0) < 500) {
        return CheckStatus.PASSED;
      }
      if (edgeWorks) {
        notes.add(Note.of(Remark.ORIGIN_DIRECT_FAILED, address, r.failure().map(ClassicText::failure)
            .orElse("HTTP " + r.status().orElse(0))));
        return CheckStatus.WARNING;
      }
      return CheckStatus.FAILED;
    });
    return new LayerResult(Layer.ORIGIN, check.status(), List.of(check));
  }

  // ---- local ports --------------------------------------------------------------------------------------------

  private LayerResult ports(PortsObservation p) {
    String listTitle = "ss -tlnp";
    if (!p.listing().ran()) {
      return new LayerResult(Layer.LOCAL_PORTS, CheckStatus.SKIPPED,
          List.of(Check.skipped(listTitle, p.listing().reason())));
    }
    ListeningSocketsResult listing = p.listing().result();
    if (!listing.isSuccess()) {
      Check failed = new Check(listTitle, CheckStatus.WARNING, ClassicText.failure(listing.failure().orElseThrow()),
          Optional.of(listing));
      return new LayerResult(Layer.LOCAL_PORTS, CheckStatus.WARNING, List.of(failed));
    }
    List<Check> checks = new ArrayList<>();
    CheckStatus layer = CheckStatus.PASSED;
    for (PortState state : PortState.of(p, listing)) {
      CheckStatus status = portStatus(p, state);
      layer = layer.worse(status);
      String summary = switch (state.kind()) {
        case NOT_LISTENING -> "nothing listens on :" + state.port();
        case LOOPBACK_ONLY, EXPOSED -> state.sockets().stream().map(SsText::summary)
            .collect(Collectors.joining("; "));
      };
      checks.add(new Check(listTitle + " sport = :" + state.port(), status, summary, Optional.of(listing)));
    }
    return new LayerResult(Layer.LOCAL_PORTS, layer, checks);
  }

  private CheckStatus portStatus(PortsObservation p, PortState state) {
    boolean urlPort = p.urlPortMatters() && state.port() == p.urlPort();
    switch (state.kind()) {
      case NOT_LISTENING:
        if (!urlPort) {
          notes.add(Note.of(Remark.PORT_NOT_LISTENING, String.valueOf(state.port())));
        }
        return urlPort ? CheckStatus.FAILED : CheckStatus.WARNING;
      case LOOPBACK_ONLY:
        if (!urlPort) {
          return CheckStatus.PASSED;
        }
        if (seen.target().map(t -> !state.acceptsOn(t)).orElse(false)) {
          return CheckStatus.FAILED;
        }
        notes.add(Note.of(Remark.PORT_LOOPBACK_ONLY, String.valueOf(state.port()), state.boundAddresses()));
        return CheckStatus.WARNING;
      default:
        return CheckStatus.PASSED;
    }
  }

  // ---- shared -------------------------------------------------------------------------------------------------

  private static <R extends ProbeResult> Check check(String title, ProbeAttempt<R> attempt,
      java.util.function.Function<R, String> summary, java.util.function.Function<R, CheckStatus> status) {
    if (!attempt.ran()) {
      return Check.skipped(title, attempt.reason());
    }
    R r = attempt.result();
    return new Check(title, status.apply(r), summary.apply(r), Optional.of(r));
  }
}
