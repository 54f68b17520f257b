package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRunner;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.LayerResult;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Verdict;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.internal.net.HostParser;
import io.netprobe.internal.SystemResolver;
import io.netprobe.diagnose.engine.internal.Observations.DnsObservation;
import io.netprobe.diagnose.engine.internal.Observations.OtherAddress;
import io.netprobe.diagnose.engine.internal.Observations.PortsObservation;
import io.netprobe.diagnose.engine.internal.Observations.Reachability;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one diagnosis: the well-known pings, DNS, the origin probe and (when ports are named) the port listing start
 * at once; the host's ping and the HTTP probe start as soon as DNS has given an address; everything is collected by
 * the deadline, then judged. Not thread-safe: one instance per run.
 */
final class Diagnoser {
  private static final Duration PING_INTERVAL = Duration.ofMillis(200);
  private static final Duration PING_REPLY_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration TCP_BUDGET = Duration.ofSeconds(3);
  private static final Duration DNS_BUDGET = Duration.ofSeconds(4);
  private static final Duration LISTING_BUDGET = Duration.ofSeconds(3);

  private final Probing client;
  private final DiagnosisSpec spec;
  private final Host host;

  Diagnoser(ProbeRunner probes, DiagnosisSpec spec) {
    this.client = new Probing(probes);
    this.spec = spec;
    this.host = Host.of(spec.url().getHost());
  }

  DiagnosisResult run() {
    Instant started = Instant.now();
    ProbeBudget runner = new ProbeBudget(Deadline.after(spec.timeout()));

    List<CompletableFuture<Reachability>> targets = spec.networkTargets().stream()
        .map(t -> reach(runner, t.host(), t.tcpPort())).toList();
    CompletableFuture<Optional<DnsObservation>> dns = host.isLiteral()
        ? CompletableFuture.completedFuture(Optional.empty()) : resolve(runner).thenApply(Optional::of);
    CompletableFuture<List<InetAddress>> addresses = dns.thenApply(d ->
        d.map(DnsObservation::addresses).orElseGet(() -> host.literal().map(List::of).orElse(List.of())));
    CompletableFuture<Optional<Reachability>> hostReach = addresses.thenCompose(a -> a.isEmpty()
        || isNetworkTarget(Observations.preferred(a)) ? CompletableFuture.completedFuture(Optional.empty())
        : reach(runner, Host.of(Observations.preferred(a)), spec.urlPort()).thenApply(Optional::of));
    CompletableFuture<ProbeAttempt<HttpProbeResult>> http = addresses.thenCompose(a -> probeSite(runner, a));
    Optional<CompletableFuture<ProbeAttempt<HttpProbeResult>>> origin = spec.origin().map(o -> probeOrigin(runner, o));
    // resolvers disagreeing is common (CDNs); whether the other answer works tells a stale one from a local one
    CompletableFuture<Optional<OtherAddress>> other = dns.thenCompose(d -> d
        .flatMap(DnsObservation::otherResolversAddress)
        .map(a -> runner.start(client.tcp(a.getHostAddress(), spec.urlPort()), TCP_BUDGET)
            .thenApply(t -> Optional.of(new OtherAddress(a, t))))
        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())));
    boolean portsNamed = !spec.ports().isEmpty();
    CompletableFuture<ProbeAttempt<ListeningSocketsResult>> earlyListing = portsNamed || host.isLiteral()
        ? listing(runner) : null;
    CompletableFuture<Optional<PortsObservation>> ports = addresses.thenCompose(a -> {
      boolean local = LocalMachine.anyLocal(a);
      if (!local && !portsNamed) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
      CompletableFuture<ProbeAttempt<ListeningSocketsResult>> list = earlyListing != null ? earlyListing
          : listing(runner);
      return list.thenApply(l -> Optional.of(new PortsObservation(l, portsOfInterest(local), spec.urlPort(), local)));
    });

    List<Reachability> targetResults = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Host target = spec.networkTargets().get(i).host();
      int port = spec.networkTargets().get(i).tcpPort();
      targetResults.add(awaitValue(runner, targets.get(i),
          new Reachability(target, port, ProbeAttempt.notRun("not finished by the diagnosis deadline"),
              Optional.empty())));
    }
    Optional<DnsObservation> dnsResult = awaitValue(runner, dns, Optional.of(unfinishedDns()));
    if (host.isLiteral()) {
      dnsResult = Optional.empty();
    }
    Optional<Reachability> hostResult = awaitValue(runner, hostReach, Optional.empty());
    ProbeAttempt<HttpProbeResult> httpResult = runner.await(http);
    Optional<ProbeAttempt<HttpProbeResult>> originResult = origin.map(runner::await);
    Optional<OtherAddress> otherResult = awaitValue(runner, other, Optional.empty());
    Optional<PortsObservation> portsResult = awaitValue(runner, ports, Optional.empty());

    List<InetAddress> resolved = dnsResult.map(DnsObservation::addresses)
        .orElseGet(() -> host.literal().map(List::of).orElse(List.of()));
    List<String> cnames = dnsResult.map(Diagnoser::cnameTargets).orElse(List.of());
    NetworkPath path = PathInference.infer(resolved, cnames, httpResult.get(), spec.origin());
    Observations seen = new Observations(spec, host, targetResults, hostResult, dnsResult, httpResult, originResult,
        otherResult, portsResult, path, LocalMachine.anyLocal(resolved));

    LayerJudge judge = new LayerJudge(seen);
    List<LayerResult> layers = judge.layers();
    List<Note> notes = judge.notes();
    Verdict verdict = new VerdictRules(seen).verdict();
    return new DiagnosisResult(spec.url(), host, verdict, layers, path, resolved, notes, started,
        runner.deadline().elapsed(), ChecklistEngine.ID, Optional.empty());
  }

  /** The targets of the CNAME chain in the A and AAAA answers, in order. */
  private static List<String> cnameTargets(DnsObservation d) {
    Set<String> targets = new LinkedHashSet<>();
    for (ProbeAttempt<DnsResult> o : List.of(d.a(), d.aaaa())) {
      o.get().ifPresent(r -> r.answers().stream().filter(a -> a.type().equals(RecordType.CNAME))
          .forEach(a -> a.target().ifPresent(targets::add)));
    }
    return List.copyOf(targets);
  }

  // ---- network ------------------------------------------------------------------------------------------------

  private CompletableFuture<Reachability> reach(ProbeBudget runner, Host target, int port) {
    Duration pingCap = PING_INTERVAL.multipliedBy(spec.pingCount()).plus(PING_REPLY_TIMEOUT);
    CompletableFuture<ProbeAttempt<PingResult>> ping = runner.start(client.ping(target.ascii()).count(spec.pingCount())
        .interval(PING_INTERVAL).replyTimeout(PING_REPLY_TIMEOUT), pingCap);
    return ping.thenCompose(p -> {
      if (p.succeeded()) {
        return CompletableFuture.completedFuture(new Reachability(target, port, p, Optional.empty()));
      }
      CompletableFuture<ProbeAttempt<TcpConnectResult>> tcp =
          runner.start(client.tcp(target.ascii(), port), TCP_BUDGET);
      return tcp.thenApply(t -> new Reachability(target, port, p, Optional.of(t)));
    });
  }

  /** The host is one of the well-known addresses already pinged (e.g. a site on 127.0.0.1): no second ping. */
  private boolean isNetworkTarget(InetAddress address) {
    return spec.networkTargets().stream().anyMatch(t -> t.host().literal().filter(address::equals).isPresent());
  }

  // ---- DNS ----------------------------------------------------------------------------------------------------

  private CompletableFuture<DnsObservation> resolve(ProbeBudget runner) {
    boolean neverInDns = spec.dnsServer().isEmpty() && isLocalhostName(host.ascii());
    CompletableFuture<ProbeAttempt<DnsResult>> a = neverInDns ? notAskedOfDns()
        : runner.start(dnsRequest(RecordType.A), DNS_BUDGET);
    CompletableFuture<ProbeAttempt<DnsResult>> aaaa = neverInDns ? notAskedOfDns()
        : runner.start(dnsRequest(RecordType.AAAA), DNS_BUDGET);
    CompletableFuture<Optional<SystemResolver.Resolution>> system = spec.dnsServer().isPresent()
        ? CompletableFuture.completedFuture(Optional.empty())
        : CompletableFuture.supplyAsync(() -> Optional.of(SystemResolver.resolve(host,
            runner.deadline().atMost(runner.budget(DNS_BUDGET)))), client.executor());
    CompletableFuture<Optional<ProbeAttempt<DnsResult>>> compare = spec.compareResolver()
        .map(r -> runner.start(client.dns(host.ascii()).type(RecordType.A).server(r), DNS_BUDGET)
            .thenApply(Optional::of))
        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    return CompletableFuture.allOf(a, aaaa, system, compare).thenApply(ignored -> {
      ProbeAttempt<DnsResult> ra = a.join();
      ProbeAttempt<DnsResult> raaaa = aaaa.join();
      Optional<SystemResolver.Resolution> rs = system.join();
      Set<InetAddress> found = new LinkedHashSet<>();
      rs.filter(SystemResolver.Resolution::ok).ifPresent(r -> found.addAll(r.addresses()));
      if (found.isEmpty()) {
        ra.get().ifPresent(r -> found.addAll(r.addresses()));
        raaaa.get().ifPresent(r -> found.addAll(r.addresses()));
      }
      return new DnsObservation(ra, raaaa, rs, compare.join(), List.copyOf(found));
    });
  }

  /** {@code localhost} and names under it are answered by the system itself, never by DNS (RFC 6761, 6.3). */
  static boolean isLocalhostName(String name) {
    return name.equals("localhost") || name.endsWith(".localhost");
  }

  private static CompletableFuture<ProbeAttempt<DnsResult>> notAskedOfDns() {
    return CompletableFuture.completedFuture(ProbeAttempt.notRun("localhost is answered by this system, not by DNS "
        + "(RFC 6761)"));
  }

  private DnsRequest dnsRequest(RecordType type) {
    DnsRequest request = client.dns(host.ascii()).type(type);
    return spec.dnsServer().map(request::server).orElse(request);
  }

  private static DnsObservation unfinishedDns() {
    ProbeAttempt<DnsResult> unfinished = ProbeAttempt.notRun("not finished by the diagnosis deadline");
    return new DnsObservation(unfinished, unfinished, Optional.empty(), Optional.empty(), List.of());
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  private CompletableFuture<ProbeAttempt<HttpProbeResult>> probeSite(ProbeBudget runner, List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return CompletableFuture.completedFuture(ProbeAttempt.notRun("no address to connect to (see the DNS layer)"));
    }
    HttpProbeRequest request = client.http(spec.url().toString()).followRedirects();
    if (!host.isLiteral()) {
      // connect to the address the DNS layer judged, so that HTTP tests what DNS found
      request = request.resolve(host.ascii(), HostParser.format(Observations.preferred(addresses)));
    }
    return runner.start(request, spec.timeout());
  }

  private CompletableFuture<ProbeAttempt<HttpProbeResult>> probeOrigin(ProbeBudget runner, InetAddress origin) {
    if (host.isLiteral()) {
      return CompletableFuture.completedFuture(ProbeAttempt.notRun("the URL's host is already an address"));
    }
    return runner.start(client.http(spec.url().toString()).resolve(host.ascii(), HostParser.format(origin)),
        spec.timeout());
  }

  // ---- local ports --------------------------------------------------------------------------------------------

  private CompletableFuture<ProbeAttempt<ListeningSocketsResult>> listing(ProbeBudget runner) {
    return runner.start(client.listeningSockets().tcp(), LISTING_BUDGET);
  }

  private List<Integer> portsOfInterest(boolean hostIsLocal) {
    Set<Integer> ports = new LinkedHashSet<>();
    if (hostIsLocal) {
      ports.add(spec.urlPort());
    }
    ports.addAll(spec.ports());
    return List.copyOf(ports);
  }

  private static <T> T awaitValue(ProbeBudget runner, CompletableFuture<T> future, T ifUnfinished) {
    try {
      return future.get(runner.deadline().remainingNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return ifUnfinished;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ifUnfinished;
    }
  }
}
