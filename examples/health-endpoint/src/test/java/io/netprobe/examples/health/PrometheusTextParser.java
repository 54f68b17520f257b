package io.netprobe.examples.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: the Prometheus Java client 1.10 writes
 * the format but has no parser. Rejects what Prometheus' own parser rejects and a little more: bad metric or label
 * names, bad escapes, values that are not floats, a TYPE after samples of its family or given twice, samples that do
 * not belong to the family of the preceding TYPE, duplicate series, and text not ending in a newline.
 */
final class PrometheusTextParser {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT = Pattern.compile(
      "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** Everything parsed: family types and samples in order. */
  record Exposition(Map<String, String> types, Map<String, String> help, List<Sample> samples) {
    /** The value of the one sample with this name and these labels (as alternating names and values). */
    Optional<Double> value(String name, String... labels) {
      Map<String, String> wanted = new LinkedHashMap<>();
      for (int i = 0; i < labels.length; i += 2) {
        wanted.put(labels[i], labels[i + 1]);
      }
      return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).map(Sample::value)
          .findFirst();
    }

    boolean has(String name) {
      return samples.stream().anyMatch(s -> s.name().equals(name));
    }
  }

  private PrometheusTextParser() {}

  /** @throws IllegalArgumentException with the line number and the problem */
  static Exposition parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the text must end with a newline");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> help = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    Set<String> seenSeries = new HashSet<>();
    Set<String> familiesWithSamples = new HashSet<>();
    String currentFamily = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("TYPE") || parts[1].equals("HELP"))) {
          String family = parts[2];
          requireName(n, family);
          if (parts[1].equals("TYPE")) {
            String type = parts.length == 4 ? parts[3] : "";
            if (!TYPES.contains(type)) {
              throw error(n, "unknown type \"" + type + "\"");
            }
            if (types.containsKey(family)) {
              throw error(n, "second TYPE for " + family);
            }
            if (familiesWithSamples.contains(family)) {
              throw error(n, "TYPE for " + family + " after its samples");
            }
            types.put(family, type);
          } else {
            if (help.containsKey(family)) {
              throw error(n, "second HELP for " + family);
            }
            help.put(family, parts.length == 4 ? unescapeHelp(n, parts[3]) : "");
          }
          currentFamily = family;
        }
        continue;
      }
      Sample s = sample(n, line);
      String family = familyOf(s.name(), types);
      if (types.containsKey(family) && !family.equals(currentFamily)) {
        throw error(n, s.name() + " is not in the family of the preceding TYPE/HELP (" + currentFamily + ")");
      }
      familiesWithSamples.add(family);
      if (!seenSeries.add(s.name() + s.labels())) {
        throw error(n, "duplicate series " + s.name() + s.labels());
      }
      samples.add(s);
    }
    return new Exposition(types, help, samples);
  }

  private static String familyOf(String name, Map<String, String> types) {
    for (String suffix : List.of("_total", "_created", "_bucket", "_sum", "_count", "_info")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return name;
  }

  private static Sample sample(int n, String line) {
    Matcher m = METRIC_NAME.matcher(line);
    if (!m.lookingAt()) {
      throw error(n, "a sample must start with a metric name: " + line);
    }
    String name = m.group();
    int pos = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos++;
      while (line.charAt(pos) != '}') {
        Matcher ln = LABEL_NAME.matcher(line).region(pos, line.length());
        if (!ln.lookingAt()) {
          throw error(n, "bad label name at column " + pos);
        }
        String label = ln.group();
        pos = ln.end();
        if (!line.startsWith("=\"", pos)) {
          throw error(n, "label " + label + " must be followed by =\"");
        }
        pos += 2;
        StringBuilder value = new StringBuilder();
        while (true) {
          if (pos >= line.length()) {
            throw error(n, "unterminated label value");
          }
          char c = line.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            char e = line.charAt(pos++);
            switch (e) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw error(n, "bad escape \\" + e + " in a label value");
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw error(n, "label " + label + " given twice");
        }
        if (line.charAt(pos) == ',') {
          pos++;
        } else if (line.charAt(pos) != '}') {
          throw error(n, "expected , or } after a label");
        }
      }
      pos++;
    }
    if (pos >= line.length() || line.charAt(pos) != ' ') {
      throw error(n, "expected a space before the value");
    }
    String[] rest = line.substring(pos + 1).split(" ");
    if (rest.length > 2 || !FLOAT.matcher(rest[0]).matches()) {
      throw error(n, "bad value \"" + line.substring(pos + 1) + "\"");
    }
    if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
      throw error(n, "bad timestamp \"" + rest[1] + "\"");
    }
    String v = rest[0];
    double value = v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
        : Double.parseDouble(v);
    return new Sample(name, labels, value);
  }

  private static String unescapeHelp(int n, String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        char e = i + 1 < text.length() ? text.charAt(++i) : ' ';
        if (e == '\\') {
          out.append('\\');
        } else if (e == 'n') {
          out.append('\n');
        } else {
          throw error(n, "bad escape \\" + e + " in HELP");
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void requireName(int n, String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw error(n, "bad metric name \"" + name + "\"");
    }
  }

  private static IllegalArgumentException error(int line, String problem) {
    return new IllegalArgumentException("line " + line + ": " + problem);
  }
}
