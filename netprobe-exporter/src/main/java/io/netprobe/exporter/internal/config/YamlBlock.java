package io.netprobe.exporter.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping of a configuration file, read strictly: only the keys it is told of, each at most once, each
 * value of the expected shape; every error names the file, the line and the key's path. Not thread-safe (used while
 * loading only).
 */
public final class YamlBlock {
  private final String file;
  private final String path;
  private final Node node;
  private final Map<String, Node> values = new LinkedHashMap<>();

  private YamlBlock(String file, String path, Node node, Map<String, Node> values) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.values.putAll(values);
  }

  /** Reads {@code node} as a mapping whose keys must all be in {@code allowed} (null: any key). */
  public static YamlBlock of(String file, String path, Node node, Set<String> allowed) throws ConfigException {
    if (!(node instanceof MappingNode mapping)) {
      throw error(file, node, path, "must be a mapping, was " + describe(node));
    }
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Integer> keyLines = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        throw error(file, t.getKeyNode(), path, "keys must be plain strings");
      }
      String name = key.getValue();
      String keyPath = path.isEmpty() ? name : path + "." + name;
      if (allowed != null && !allowed.contains(name)) {
        throw error(file, key, keyPath, "unknown key (known here: " + String.join(", ", new TreeSet<>(allowed))
            + ")");
      }
      if (values.containsKey(name)) {
        throw error(file, key, keyPath, "key already defined at line " + keyLines.get(name));
      }
      values.put(name, t.getValueNode());
      keyLines.put(name, line(key));
    }
    return new YamlBlock(file, path, node, values);
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public boolean has(String key) {
    return values.containsKey(key) && !isNull(values.get(key));
  }

  /** The path of a key of this block, for messages. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public int line() {
    return line(node);
  }

  /** A {@link ConfigException} for {@code key}, at its line. */
  public ConfigException error(String key, String message) {
    Node n = values.get(key);
    return error(file, n == null ? node : n, pathOf(key), message);
  }

  public Optional<Node> node(String key) {
    return Optional.ofNullable(values.get(key)).filter(n -> !isNull(n));
  }

  public Optional<YamlBlock> block(String key, Set<String> allowed) throws ConfigException {
    Optional<Node> n = node(key);
    return n.isEmpty() ? Optional.empty() : Optional.of(of(file, pathOf(key), n.get(), allowed));
  }

  public Optional<String> string(String key) throws ConfigException {
    Optional<Node> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (!(n.get() instanceof ScalarNode s)) {
      throw error(key, "must be a string, was " + describe(n.get()));
    }
    return Optional.of(s.getValue());
  }

  public String string(String key, String fallback) throws ConfigException {
    return string(key).orElse(fallback);
  }

  public boolean bool(String key, boolean fallback) throws ConfigException {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    return switch (s.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(key, "must be true or false, was " + quote(s.get()));
    };
  }

  public long integer(String key, long fallback, long min, long max) throws ConfigException {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    long v;
    try {
      v = Long.parseLong(s.get());
    } catch (NumberFormatException e) {
      throw error(key, "must be a whole number, was " + quote(s.get()));
    }
    if (v < min || v > max) {
      throw error(key, "must be from " + min + " to " + max + ", was " + v);
    }
    return v;
  }

  /** A Go duration ({@code 5s}, {@code 1m30s}, {@code 250ms}). */
  public java.time.Duration duration(String key, java.time.Duration fallback) throws ConfigException {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return fallback;
    }
    try {
      return GoValues.duration(s.get());
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  public List<Node> list(String key) throws ConfigException {
    Optional<Node> n = node(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (!(n.get() instanceof SequenceNode seq)) {
      throw error(key, "must be a list, was " + describe(n.get()));
    }
    return seq.getValue();
  }

  public List<String> strings(String key) throws ConfigException {
    List<String> out = new ArrayList<>();
    for (Node item : list(key)) {
      if (!(item instanceof ScalarNode s)) {
        throw error(file, item, pathOf(key), "items must be strings, found " + describe(item));
      }
      out.add(s.getValue());
    }
    return List.copyOf(out);
  }

  public List<Integer> integers(String key) throws ConfigException {
    List<Integer> out = new ArrayList<>();
    for (String s : strings(key)) {
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw error(key, "items must be whole numbers, found " + quote(s));
      }
    }
    return List.copyOf(out);
  }

  /** A mapping of strings to strings ({@code headers}). */
  public Map<String, String> stringMap(String key) throws ConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlBlock> b = block(key, null);
    if (b.isPresent()) {
      for (String k : b.get().keys()) {
        out.put(k, b.get().string(k, ""));
      }
    }
    return out;
  }

  /** A mapping of strings to lists of strings (Go's {@code map[string][]string}, e.g. gRPC {@code metadata}). */
  public Map<String, List<String>> stringListMap(String key) throws ConfigException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Optional<YamlBlock> b = block(key, null);
    if (b.isPresent()) {
      for (String k : b.get().keys()) {
        out.put(k, b.get().strings(k));
      }
    }
    return out;
  }

  /** A regular expression of RE2's syntax, compiled for Java; the lookaround and back references RE2 lacks fail. */
  public Pattern regex(String key, String value) throws ConfigException {
    if (value.matches("(?s).*(\\(\\?<?[=!]|\\\\[1-9]|\\(\\?>).*")) {
      throw error(key, "lookaround, atomic groups and back references are not RE2 syntax: " + quote(value));
    }
    try {
      // RE2's (?P<name>…) is Java's (?<name>…)
      return Pattern.compile(value.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      throw error(key, "could not compile regular expression " + quote(value) + ": " + e.getDescription());
    }
  }

  public List<Pattern> regexes(String key) throws ConfigException {
    List<Pattern> out = new ArrayList<>();
    for (String s : strings(key)) {
      out.add(regex(key, s));
    }
    return List.copyOf(out);
  }

  /** Fails unless {@code value} (read from {@code key}) is one of {@code choices}. */
  public String oneOf(String key, String value, Set<String> choices) throws ConfigException {
    if (!choices.contains(value)) {
      throw error(key, "must be one of " + new TreeSet<>(choices) + ", was " + quote(value));
    }
    return value;
  }

  static ConfigException error(String file, Node n, String path, String message) {
    return new ConfigException(file + ":" + line(n) + ": " + path + ": " + message);
  }

  static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && n.getTag().getValue().endsWith(":null");
  }

  private static String describe(Node n) {
    if (n instanceof ScalarNode s) {
      return "the value " + quote(s.getValue());
    }
    return n instanceof SequenceNode ? "a list" : "a mapping";
  }

  /** A value in quotes, control characters escaped, cut at 80 characters. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(s.length() > 80 ? "…\"" : "\"").toString();
  }
}
