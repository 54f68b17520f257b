package io.netprobe.http;

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
  private static final Set<String> SECRET = Set.of("set-cookie", "cookie", "authorization", "proxy-authorization",
      "www-authenticate", "proxy-authenticate", "x-api-key", "x-auth-token", "x-csrf-token", "x-csrftoken");

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

  /** Whether the values of this header are secret and redacted in output. */
  public static boolean isSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET.contains(lower) || lower.contains("token") || lower.contains("secret") || lower.contains("api-key");
  }

  /** The value as it may be shown: secrets redacted ({@code csrftoken=<redacted>; Path=/}). */
  public static String redactedValue(String name, String value) {
    if (!isSecret(name)) {
      return value;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("set-cookie") || lower.equals("cookie")) {
      StringBuilder sb = new StringBuilder();
      for (String part : value.split(";")) {
        String p = part.trim();
        if (sb.length() > 0) {
          sb.append("; ");
        }
        int eq = p.indexOf('=');
        boolean isAttribute = sb.length() > 0 && lower.equals("set-cookie") && isCookieAttribute(p);
        sb.append(eq < 0 || isAttribute ? p : p.substring(0, eq + 1) + "<redacted>");
      }
      return sb.toString();
    }
    int space = value.indexOf(' ');
    return space > 0 && lower.contains("authori") ? value.substring(0, space) + " <redacted>" : "<redacted>";
  }

  private static boolean isCookieAttribute(String part) {
    String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
    return Set.of("path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority", "partitioned")
        .contains(name.trim().toLowerCase(Locale.ROOT));
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
