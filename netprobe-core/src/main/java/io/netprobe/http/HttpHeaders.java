package io.netprobe.http;

import io.netprobe.core.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Response headers in the order the server sent them, with repeated names kept and case-insensitive lookup.
 * {@link #toString()} redacts secret values (cookies, authorization, tokens); names stay visible.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpHeaders {
  private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

  private final List<Map.Entry<String, String>> entries;

  private HttpHeaders(List<Map.Entry<String, String>> entries) {
    this.entries = entries;
  }

  /** Headers from (name, value) pairs in order. */
  public static HttpHeaders of(List<Map.Entry<String, String>> entries) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      copy.add(Map.entry(e.getKey(), e.getValue()));
    }
    return new HttpHeaders(List.copyOf(copy));
  }

  public static HttpHeaders empty() {
    return EMPTY;
  }

  /** The first value of a header, ignoring case of the name. */
  public Optional<String> first(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of a header, in order. */
  public List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        out.add(e.getValue());
      }
    }
    return List.copyOf(out);
  }

  public boolean contains(String name) {
    return first(name).isPresent();
  }

  /** The distinct names, lower case, in order of first appearance. */
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : entries) {
      out.add(e.getKey().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** All (name, value) pairs in order, values not redacted. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  /** Whether the values of this header are secret and redacted in output ({@link Redaction#isSensitiveHeader}). */
  public static boolean isSecret(String name) {
    return Redaction.isSensitiveHeader(name);
  }

  /**
   * The value as it may be shown ({@link Redaction#headerValue}): secrets redacted ({@code csrftoken=<redacted>;
   * Path=/}), URLs in {@code Location} with their secret query parameters redacted.
   */
  public static String redactedValue(String name, String value) {
    return Redaction.headerValue(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders && ((HttpHeaders) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** One {@code name: value} per line, secrets redacted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : entries) {
      sb.append(e.getKey()).append(": ").append(redactedValue(e.getKey(), e.getValue())).append('\n');
    }
    return sb.toString();
  }
}
