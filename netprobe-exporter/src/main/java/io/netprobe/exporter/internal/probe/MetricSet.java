package io.netprobe.exporter.internal.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of one probe, written in the Prometheus text format 0.0.4 as blackbox's fresh per-request registry
 * writes them: families sorted by name, each with HELP and TYPE, samples sorted by label values. Setting a series
 * again replaces its value. Not thread-safe: one per probe (a probe's async stages run one after another).
 */
public final class MetricSet {
  /** The content type of the text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private record Family(String help, String type, Map<String, Double> samples) {}

  /** A family's HELP and TYPE lines: the same few hundred strings for every probe, so written once. */
  private record Header(String name, String help, String type) {
    String text() {
      return "# HELP " + name + ' ' + help.replace("\\", "\\\\").replace("\n", "\\n") + "\n# TYPE " + name + ' ' + type
          + '\n';
    }
  }

  private static final int HEADER_CACHE_LIMIT = 4096;
  private static final Map<Header, String> HEADERS = new ConcurrentHashMap<>();

  private final Map<String, Family> families = new TreeMap<>();

  /** Sets an unlabelled gauge. */
  public MetricSet gauge(String name, String help, double value) {
    return sample(name, help, "gauge", "", value);
  }

  public MetricSet seconds(String name, String help, Duration value) {
    return gauge(name, help, seconds(value));
  }

  /** Sets a gauge with labels given as name, value, name, value… */
  public MetricSet gauge(String name, String help, double value, String... labels) {
    return sample(name, help, "gauge", labels(labels), value);
  }

  /** Adds {@code value} to a labelled gauge (0 if not yet set). */
  public MetricSet add(String name, String help, double value, String... labels) {
    Family f = family(name, help, "gauge");
    f.samples().merge(labels(labels), value, Double::sum);
    return this;
  }

  public boolean has(String name) {
    return families.containsKey(name);
  }

  public double value(String name, String... labels) {
    Family f = families.get(name);
    Double v = f == null ? null : f.samples().get(labels(labels));
    return v == null ? Double.NaN : v;
  }

  private MetricSet sample(String name, String help, String type, String labels, double value) {
    family(name, help, type).samples().put(labels, value);
    return this;
  }

  private Family family(String name, String help, String type) {
    return families.computeIfAbsent(name, n -> new Family(help, type, new TreeMap<>()));
  }

  /** The text format. */
  public String text() {
    StringBuilder b = new StringBuilder(1024);
    for (Map.Entry<String, Family> e : families.entrySet()) {
      Family f = e.getValue();
      b.append(header(e.getKey(), f));
      for (Map.Entry<String, Double> s : f.samples().entrySet()) {
        b.append(e.getKey());
        if (!s.getKey().isEmpty()) {
          b.append('{').append(s.getKey()).append('}');
        }
        b.append(' ').append(format(s.getValue())).append('\n');
      }
    }
    return b.toString();
  }

  private static String header(String name, Family f) {
    Header h = new Header(name, f.help(), f.type());
    String text = HEADERS.get(h);
    if (text == null) {
      text = h.text();
      if (HEADERS.size() < HEADER_CACHE_LIMIT) { // help texts are constants; the bound is only a safety net
        HEADERS.putIfAbsent(h, text);
      }
    }
    return text;
  }

  /** The names and sorted label strings of every series, for tests and the debug page. */
  public List<String> series() {
    List<String> out = new ArrayList<>();
    families.forEach((n, f) -> f.samples().keySet().forEach(l -> out.add(l.isEmpty() ? n : n + "{" + l + "}")));
    return out;
  }

  /** A value as Go's expfmt writes it: its own "0" for zero (negative zero too), else {@link GoFloat}. */
  static String format(double v) {
    return v == 0 ? "0" : GoFloat.format(v);
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String labels(String... pairs) {
    if (pairs.length == 0) {
      return "";
    }
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs; got " + pairs.length + " strings");
    }
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      sorted.put(pairs[i], pairs[i + 1]);
    }
    StringBuilder b = new StringBuilder();
    Map<String, String> ordered = new LinkedHashMap<>(sorted);
    ordered.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append("=\"")
        .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
    return b.toString();
  }
}
