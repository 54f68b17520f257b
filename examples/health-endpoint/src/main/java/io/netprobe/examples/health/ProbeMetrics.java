package io.netprobe.examples.health;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The metrics of one {@code /probe} request, in a fresh registry as blackbox_exporter does, written in the
 * Prometheus text format by the Prometheus Java client. Not thread-safe: one per request.
 */
final class ProbeMetrics {
  /** The content type of the Prometheus text format 0.0.4. */
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();

  void gauge(String name, String help, double value) {
    Gauge g = Gauge.builder().name(name).help(help).withoutExemplars().register(registry);
    g.set(value);
  }

  void seconds(String name, String help, Duration value) {
    gauge(name, help, value.toNanos() / 1e9);
  }

  /** A gauge with one label; {@code valuesByLabel} in the order to write them. */
  void gauge(String name, String help, String label, Map<String, Double> valuesByLabel) {
    Gauge g = Gauge.builder().name(name).help(help).labelNames(label).withoutExemplars().register(registry);
    valuesByLabel.forEach((value, v) -> g.labelValues(value).set(v));
  }

  /** An info metric, written as {@code <name>_info{label="value"} 1}. */
  void info(String name, String help, String label, String value) {
    Info i = Info.builder().name(name).help(help).labelNames(label).register(registry);
    i.addLabelValues(value);
  }

  /** An info metric with several labels, in the order given. */
  void info(String name, String help, Map<String, String> labels) {
    Info i = Info.builder().name(name).help(help).labelNames(labels.keySet().toArray(String[]::new))
        .register(registry);
    i.addLabelValues(labels.values().toArray(String[]::new));
  }

  String text() {
    return text(registry);
  }

  /** Everything in {@code registry}, in the Prometheus text format. */
  static String text(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
