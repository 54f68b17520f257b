package io.netprobe.exporter.internal.web;

import io.netprobe.exporter.internal.probe.MetricSet;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The exporter's own {@code /metrics}: blackbox's build info, reload and unknown-module series, netprobe's probe
 * counters and process basics (JVM series stand in for {@code go_*}). Thread-safe.
 */
final class ExporterMetrics {
  private final String version;
  private final LongAdder unknownModules = new LongAdder();
  private final AtomicInteger reloadOk = new AtomicInteger(1);
  private final AtomicLong reloadTime = new AtomicLong(System.currentTimeMillis());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, LongAdder> probes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
  private final long start = ManagementFactory.getRuntimeMXBean().getStartTime();

  ExporterMetrics(String version) {
    this.version = version;
  }

  void unknownModule() {
    unknownModules.increment();
  }

  void reloaded(boolean ok) {
    reloadOk.set(ok ? 1 : 0);
    if (ok) {
      reloadTime.set(System.currentTimeMillis());
    }
  }

  AtomicInteger inFlight() {
    return inFlight;
  }

  void probed(String module, boolean success) {
    probes.computeIfAbsent(module + "\u0000" + (success ? "success" : "failure"), k -> new LongAdder()).increment();
  }

  void refused(String reason) {
    refused.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  String text() {
    MetricSet m = new MetricSet();
    m.gauge("blackbox_exporter_build_info", "A metric with a constant '1' value labeled by version, revision, branch, "
        + "goversion from which blackbox_exporter was built, and the goos and goarch for the build.", 1, "branch", "",
        "goarch", System.getProperty("os.arch"), "goos", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT),
        "goversion", "java" + Runtime.version().feature(), "revision", "", "version", version);
    m.gauge("blackbox_exporter_config_last_reload_successful", "Blackbox exporter config loaded successfully.",
        reloadOk.get());
    m.gauge("blackbox_exporter_config_last_reload_success_timestamp_seconds", "Timestamp of the last successful "
        + "configuration reload.", reloadTime.get() / 1000.0);
    m.gauge("blackbox_module_unknown_total", "Count of unknown modules requested by probes", unknownModules.sum());
    m.gauge("netprobe_exporter_probes_in_flight", "Probes running now", inFlight.get());
    probes.forEach((k, v) -> m.gauge("netprobe_exporter_probes_total", "Probes run, by module and result",
        v.sum(), "module", k.substring(0, k.indexOf('\u0000')), "result", k.substring(k.indexOf('\u0000') + 1)));
    refused.forEach((k, v) -> m.gauge("netprobe_exporter_probes_refused_total", "Probe requests refused, by reason",
        v.sum(), "reason", k));
    m.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", start / 1000.0);
    Runtime rt = Runtime.getRuntime();
    m.gauge("jvm_memory_used_bytes", "Heap in use", rt.totalMemory() - rt.freeMemory(), "area", "heap");
    m.gauge("jvm_threads_current", "Current thread count", ManagementFactory.getThreadMXBean().getThreadCount());
    String text = m.text();
    // counters by name: TYPE lines say so
    return text.replace("# TYPE blackbox_module_unknown_total gauge", "# TYPE blackbox_module_unknown_total counter")
        .replace("# TYPE netprobe_exporter_probes_total gauge", "# TYPE netprobe_exporter_probes_total counter")
        .replace("# TYPE netprobe_exporter_probes_refused_total gauge",
            "# TYPE netprobe_exporter_probes_refused_total counter");
  }
}
