package io.netprobe.examples.health;

import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The service's own metrics for {@code /metrics}: JVM metrics, {@code /probe} requests by module and outcome,
 * refused requests by reason, and each health check's status and result age. Thread-safe.
 */
final class ServiceMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter probes;
  private final Counter refused;

  ServiceMetrics(HealthMonitor monitor) {
    JvmMetrics.builder().register(registry);
    probes = Counter.builder().name("netprobe_probe_requests").help("/probe requests answered, by module and result")
        .labelNames("module", "result").withoutExemplars().register(registry);
    refused = Counter.builder().name("netprobe_probe_refused").help("/probe requests refused, by reason")
        .labelNames("reason").withoutExemplars().register(registry);
    GaugeWithCallback.builder().name("netprobe_health_check_status")
        .help("1 for the current status of each health check, 0 for the others").labelNames("check", "status")
        .callback(cb -> {
          for (CheckState c : monitor.snapshot().checks()) {
            for (HealthStatus s : HealthStatus.values()) {
              cb.call(c.status() == s ? 1 : 0, c.name(), s.name());
            }
          }
        }).register(registry);
    GaugeWithCallback.builder().name("netprobe_health_check_age_seconds")
        .help("Age of each health check's last result").labelNames("check")
        .callback(cb -> {
          for (CheckState c : monitor.snapshot().checks()) {
            c.age().ifPresent(a -> cb.call(a.toNanos() / 1e9, c.name()));
          }
        }).register(registry);
  }

  void probed(String module, boolean success) {
    probes.labelValues(module, success ? "success" : "failure").inc();
  }

  /** A refused /probe request: {@code forbidden}, {@code rate_limited}, {@code busy} or {@code bad_request}. */
  void refused(String reason) {
    refused.labelValues(reason).inc();
  }

  String text() {
    return ProbeMetrics.text(registry);
  }
}
