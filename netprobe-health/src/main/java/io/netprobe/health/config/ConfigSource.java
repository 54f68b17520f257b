package io.netprobe.health.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Keys and values to read check definitions from, and the line each key is on when they came from a file.
 *
 * <p>{@link #read(Reader)} reads the {@link Properties} format — {@code key=value}, {@code key: value} or
 * {@code key value}, comments starting with {@code #} or {@code !}, lines continued by a trailing backslash,
 * backslash escapes — and remembers where each key is, so that an error can name its line. Unlike
 * {@link Properties#load(Reader)}, a key written twice is an error instead of the last one silently winning.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSource {
  private final Map<String, String> values;
  private final Map<String, Integer> lines;

  private ConfigSource(Map<String, String> values, Map<String, Integer> lines) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.lines = Map.copyOf(lines);
  }

  /** Keys and values from anywhere (a Spring {@code Environment}, system properties, a test); no line numbers. */
  public static ConfigSource of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    values.forEach((k, v) -> {
      Objects.requireNonNull(k, "a key");
      Objects.requireNonNull(v, () -> "the value of " + k);
    });
    return new ConfigSource(values, Map.of());
  }

  /**
   * Reads properties text; values are trimmed.
   *
   * @throws IllegalArgumentException naming the line when a key is written twice, or for a malformed
   *     {@code \\uXXXX} escape
   */
  public static ConfigSource read(Reader reader) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    BufferedReader in = new BufferedReader(reader);
    int number = 0;
    String physical;
    while ((physical = in.readLine()) != null) {
      number++;
      int first = number;
      String line = stripLeading(physical);
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
        continue;
      }
      StringBuilder logical = new StringBuilder(line);
      while (endsWithContinuation(logical)) {
        logical.setLength(logical.length() - 1);
        String next = in.readLine();
        if (next == null) {
          break;
        }
        number++;
        logical.append(stripLeading(next));
      }
      entry(logical.toString(), first, values, lines);
    }
    return new ConfigSource(values, lines);
  }

  /** Reads a properties file in UTF-8 (see {@link #read(Reader)}). */
  public static ConfigSource read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r);
    }
  }

  /** Every key and its value, in the order of the file or the map given. */
  public Map<String, String> values() {
    return values;
  }

  /** The value of {@code key}. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The line {@code key} is on; empty when the keys did not come from a file, or for a key not in it. */
  public OptionalInt line(String key) {
    Integer l = lines.get(key);
    return l == null ? OptionalInt.empty() : OptionalInt.of(l);
  }

  private static void entry(String logical, int line, Map<String, String> values, Map<String, Integer> lines)
      throws IOException {
    Properties one = new Properties();
    try {
      one.load(new StringReader(logical));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
    }
    for (String key : one.stringPropertyNames()) {
      Integer before = lines.putIfAbsent(key, line);
      if (before != null) {
        throw new IllegalArgumentException("line " + line + ": " + key + " is written again; it is already on line "
            + before);
      }
      values.put(key, one.getProperty(key).trim());
    }
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && List.of(' ', '\t', '\f').contains(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static boolean endsWithContinuation(CharSequence s) {
    int backslashes = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
