package io.netprobe.exporter.internal.probe;

import io.netprobe.ProbeClient;
import io.netprobe.core.Redaction;
import io.netprobe.exporter.internal.config.ModuleConfig;
import io.netprobe.text.ClassicText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one module against one target as blackbox's handler does: the prober's metrics, then {@code probe_success}
 * and {@code probe_duration_seconds}, plus netprobe's {@code probe_failure_info{kind}} and
 * {@code probe_timeout_seconds}. Never fails its future: every failure is a probe result. Thread-safe.
 */
public final class ModuleProber {
  private final ProbeClient client;

  public ModuleProber(ProbeClient client) {
    this.client = client;
  }

  /** Probes {@code target} with {@code module} within {@code timeout}; {@code hostname} is the URL parameter. */
  public CompletableFuture<ProbeOutcome> probe(ModuleConfig module, String target, Optional<String> hostname,
      Duration timeout) {
    long t0 = System.nanoTime();
    MetricSet m = new MetricSet();
    ProbeLog log = new ProbeLog();
    log.info("Beginning probe probe=" + module.prober().configName() + " timeout_seconds="
        + GoFloat.seconds(timeout));
    CompletableFuture<Verdict> verdict;
    List<String> unsupported = Unsupported.of(module);
    if (!unsupported.isEmpty()) {
      for (String option : unsupported) {
        log.error("Option not supported by netprobe-exporter yet, failing the probe instead of ignoring it option="
            + option);
      }
      verdict = CompletableFuture.completedFuture(Verdict.failed("UNSUPPORTED_OPTION"));
    } else if (timeout.isZero() || timeout.isNegative()) {
      log.error("Error for probe err=\"context deadline exceeded\"");
      verdict = CompletableFuture.completedFuture(Verdict.failed("TIMEOUT"));
    } else {
      ProbeContext c = new ProbeContext(module, target, hostname, timeout, m, log, client);
      try {
        verdict = switch (module.prober()) {
          case HTTP -> HttpProber.probe(c);
          case TCP -> TcpProber.probe(c);
          case ICMP -> IcmpProber.probe(c);
          case DNS -> DnsProber.probe(c);
          case PING -> NetprobeProbers.ping(c);
          case TRACEROUTE -> NetprobeProbers.traceroute(c);
          case DIAGNOSE -> NetprobeProbers.diagnose(c);
          case SOCKETS -> NetprobeProbers.sockets(c);
          case MTR -> MtrProber.probe(c);
          case GRPC -> GrpcProber.probe(c);
        };
      } catch (IllegalArgumentException e) {
        log.error("Invalid target err=\"" + e.getMessage() + "\"");
        verdict = CompletableFuture.completedFuture(Verdict.failed("INVALID_TARGET"));
      }
      // the library's deadlines bound each probe; this bounds the stages around them too
      verdict = verdict.completeOnTimeout(Verdict.failed("TIMEOUT"), timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
    }
    return verdict.exceptionally(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      log.error("Probe failed err=\"" + cause + "\"");
      return Verdict.failed(cause instanceof IllegalArgumentException ? "INVALID_REQUEST" : "INTERNAL_ERROR");
    }).thenApply(v -> finish(v, m, log, timeout, t0));
  }

  private static ProbeOutcome finish(Verdict v, MetricSet m, ProbeLog log, Duration timeout, long t0) {
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    boolean ok = v.failureKind().isEmpty();
    if (ok) {
      log.info("Probe succeeded duration_seconds=" + GoFloat.seconds(took));
    } else {
      log.error("Probe failed duration_seconds=" + GoFloat.seconds(took) + " kind=" + v.failureKind().get());
    }
    m.gauge("probe_success", "Displays whether or not the probe was a success", ok ? 1 : 0);
    m.seconds("probe_duration_seconds", "Returns how long the probe took to complete in seconds", took);
    m.seconds("probe_timeout_seconds", "Returns how long the probe had to complete in seconds", timeout);
    v.failureKind().ifPresent(k -> m.gauge("probe_failure_info", "Why the probe failed: a netprobe FailureKind or a "
        + "check's name (netprobe)", 1, "kind", k));
    // the classic tool's rendering and the redaction only when someone reads the log; one redaction for all of it
    return new ProbeOutcome(ok, v.failureKind(), m.text(), ProbeOutcome.once(() -> {
      v.result().ifPresent(r -> {
        try {
          log.raw(ClassicText.render(r));
        } catch (RuntimeException e) {
          log.debug("no classic rendering: " + e);
        }
      });
      return Redaction.text(log.text());
    }));
  }
}
