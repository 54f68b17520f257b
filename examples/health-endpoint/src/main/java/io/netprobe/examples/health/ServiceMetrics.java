package io.netprobe.examples.health;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthStatus;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The service's own metrics for {@code /metrics}: JVM metrics and each health check's status and result age
 * (the embedded exporter's {@code /metrics} has the probe counters). Thread-safe.
 */
final class ServiceMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  /** The content type of the Prometheus text format 0.0.4. */
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  ServiceMetrics(HealthMonitor monitor) {
    JvmMetrics.builder().register(registry);
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

  String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
