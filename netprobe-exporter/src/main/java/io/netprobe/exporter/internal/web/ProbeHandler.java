package io.netprobe.exporter.internal.web;

import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ModuleConfig;
import io.netprobe.exporter.internal.config.Prober;
import io.netprobe.exporter.internal.probe.MetricSet;
import io.netprobe.exporter.internal.probe.ModuleProber;
import io.netprobe.exporter.internal.probe.ProbeOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * {@code /probe} as blackbox answers it: 200 whatever the probe's result; 400 for an unknown module, a missing
 * target or a {@code hostname} conflict; 500 for an unreadable scrape-timeout header; and netprobe's 403 for a
 * target outside the allow-list and 503 beyond the concurrency limit. The probe runs asynchronously: no thread
 * waits for it. Thread-safe.
 */
final class ProbeHandler {
  private final Supplier<BlackboxConfig> config;
  private final ModuleProber prober;
  private final Duration offset;
  private final TargetAllowList allowList;
  private final Semaphore slots;
  private final int maxConcurrent;
  private final History history;
  private final ExporterMetrics metrics;
  private final Log log;

  ProbeHandler(Supplier<BlackboxConfig> config, ModuleProber prober, Flags flags, History history,
      ExporterMetrics metrics, Log log) {
    this.config = config;
    this.prober = prober;
    this.offset = flags.timeoutOffset();
    this.allowList = TargetAllowList.parse(flags.allowedTargets());
    this.maxConcurrent = flags.maxConcurrent();
    this.slots = new Semaphore(maxConcurrent);
    this.history = history;
    this.metrics = metrics;
    this.log = log;
  }

  void handle(Exchange x) {
    Map<String, String> params = x.query();
    BlackboxConfig c = config.get();
    String moduleName = params.getOrDefault("module", "http_2xx");
    Optional<ModuleConfig> module = c.module(moduleName);
    if (module.isEmpty()) {
      metrics.unknownModule();
      log.debug("Unknown module", "module", moduleName);
      x.send(400, Http.TEXT, "Unknown module \"" + moduleName + "\"\n");
      return;
    }
    Duration timeout;
    try {
      timeout = timeout(x.header("X-Prometheus-Scrape-Timeout-Seconds"),
          module.get().timeout(), offset);
    } catch (NumberFormatException e) {
      x.send(500, Http.TEXT, "Failed to parse timeout from Prometheus header: strconv.ParseFloat: parsing "
          + "\"" + x.header("X-Prometheus-Scrape-Timeout-Seconds") + "\": invalid syntax\n");
      return;
    }
    String target = params.get("target");
    if (target == null || target.isEmpty()) {
      x.send(400, Http.TEXT, "Target parameter is missing\n");
      return;
    }
    Optional<String> hostname = Optional.ofNullable(params.get("hostname")).filter(h -> !h.isEmpty());
    if (hostname.isPresent() && module.get().prober() == Prober.HTTP) {
      Optional<String> configured = module.get().http().headers().entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase("host")).map(Map.Entry::getValue).findFirst();
      if (configured.isPresent() && !configured.get().equals(hostname.get())) {
        x.send(400, Http.TEXT, "Invalid configuration: host header defined both in module configuration ("
            + configured.get() + ") and with URL-parameter 'hostname' (" + hostname.get() + ")\n");
        return;
      }
    }
    boolean allowed;
    try {
      allowed = allowList.allows(target);
    } catch (IllegalArgumentException e) {
      allowed = false;
    }
    if (!allowed) {
      metrics.refused("forbidden");
      x.send(403, Http.TEXT, "Target is not in --probe.allowed-targets\n");
      return;
    }
    if (!slots.tryAcquire()) {
      metrics.refused("busy");
      x.setHeader("Retry-After", "1");
      x.send(503, Http.TEXT, "Too many probes in flight: at most " + maxConcurrent + "\n");
      return;
    }
    metrics.inFlight().incrementAndGet();
    boolean debug = "true".equalsIgnoreCase(params.get("debug"));
    ModuleConfig m = module.get();
    CompletableFuture<ProbeOutcome> probe;
    try {
      probe = prober.probe(m, target, hostname, timeout);
    } catch (RuntimeException e) {
      metrics.inFlight().decrementAndGet();
      slots.release();
      throw e;
    }
    probe.whenComplete((outcome, error) -> {
      try {
        ProbeOutcome o = outcome != null ? outcome : new ProbeOutcome(false, Optional.of("INTERNAL_ERROR"),
            new MetricSet().gauge("probe_success", "Displays whether or not the probe was a success", 0).text(),
            () -> "level=error msg=\"" + error + "\"\n");
        java.util.function.Supplier<String> debugText = ProbeOutcome.once(() -> debugText(o, c, m.name()));
        history.add(m.name(), target, o.success(), debugText);
        metrics.probed(m.name(), o.success());
        if (!o.success()) {
          log.debug("Probe failed", "module", m.name(), "target", target, "kind", o.failureKind().orElse(""));
        }
        if (debug) {
          x.send(200, Http.TEXT, debugText.get());
        } else {
          x.send(200, MetricSet.CONTENT_TYPE, o.metrics());
        }
      } catch (RuntimeException e) {
        // an answer the client would otherwise wait for until it gives up
        log.error("Request failed", "path", x.path(), "err", e.toString());
        x.send(500, Http.TEXT, "internal error\n");
      } finally {
        metrics.inFlight().decrementAndGet();
        slots.release();
      }
    });
  }

  static String debugText(ProbeOutcome o, BlackboxConfig c, String module) {
    return "Logs for the probe:\n" + o.log() + "\n\n\nMetrics that would have been returned:\n" + o.metrics()
        + "\n\n\nModule configuration:\n" + ConfigPage.module(c, module);
  }

  /**
   * blackbox's {@code getTimeout}: the scrape timeout (120 s without the header) less the offset, capped by the
   * module's timeout; the module's timeout when that goes negative.
   *
   * @throws NumberFormatException for an unreadable header
   */
  static Duration timeout(String header, Duration module, Duration offset) {
    double seconds = header == null || header.isEmpty() ? 120 : Double.parseDouble(header.trim());
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw new NumberFormatException(header);
    }
    Duration max = Duration.ofNanos(Math.round(seconds * 1e9)).minus(offset);
    boolean useModule = (!module.isZero() && module.compareTo(max) < 0) || max.isNegative();
    return useModule ? module : max;
  }
}
