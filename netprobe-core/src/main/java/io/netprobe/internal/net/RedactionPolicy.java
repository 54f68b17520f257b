package io.netprobe.internal.net;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The implementation of {@link io.netprobe.core.Redaction}, here so that host parsing (in this package, which the
 * core package depends on) can redact its messages without a package cycle. Use {@code Redaction}. Thread-safe.
 */
public final class RedactionPolicy {
  /** What a secret is replaced with. */
  public static final String MARK = "<redacted>";

  private static final Set<String> QUERY = new CopyOnWriteArraySet<>(Set.of("token", "access_token", "refresh_token",
      "id_token", "auth", "auth_token", "authorization", "api_key", "apikey", "key", "password", "passwd", "pwd",
      "pass", "secret", "client_secret", "sig", "signature", "session", "sessionid", "session_id", "sid", "code",
      "credential", "credentials", "jwt", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
      "x-goog-signature", "x-goog-credential", "private_token"));
  private static final String[] QUERY_PARTS = {"token", "secret", "passw", "signature", "credential", "api_key",
      "apikey", "api-key"};
  private static final Set<String> HEADERS = new CopyOnWriteArraySet<>(Set.of("set-cookie", "cookie", "authorization",
      "proxy-authorization", "www-authenticate", "proxy-authenticate", "x-api-key", "x-auth-token", "x-csrf-token",
      "x-csrftoken", "x-amz-security-token"));
  private static final String[] HEADER_PARTS = {"token", "secret", "api-key", "apikey", "authoriz", "authent", "cookie", "session"};
  private static final Set<String> URL_HEADERS = Set.of("location", "content-location", "refresh", "link");
  private static final Set<String> COOKIE_ATTRIBUTES = Set.of("path", "domain", "expires", "max-age", "samesite",
      "secure", "httponly", "priority", "partitioned");

  /** {@code scheme://userinfo@}: the user info ends at the last '@' before the path. */
  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*://)[^\\s/?#\"'<>]*@");
  private static final Pattern PARAMETER = Pattern.compile("([?&;#])([^=&;#?\\s\"'<>]+)=([^&;#\\s\"'<>]*)");

  static {
    addFromProperty("netprobe.redact.queryParameters", QUERY);
    addFromProperty("netprobe.redact.headers", HEADERS);
  }

  private RedactionPolicy() {}

  /** Adds query (and fragment) parameter names whose values are secret, for this JVM. */
  public static void addSensitiveQueryParameters(String... names) {
    add(names, QUERY);
  }

  /** Adds header names whose values are secret, for this JVM. */
  public static void addSensitiveHeaders(String... names) {
    add(names, HEADERS);
  }

  /** The query parameter names redacted by exact match, lower case (the built-in ones and those added). */
  public static Set<String> sensitiveQueryParameters() {
    return Set.copyOf(QUERY);
  }

  /** The header names redacted by exact match, lower case (the built-in ones and those added). */
  public static Set<String> sensitiveHeaders() {
    return Set.copyOf(HEADERS);
  }

  /** Whether the value of query parameter {@code name} is secret. */
  public static boolean isSensitiveQueryParameter(String name) {
    String lower = decodeLower(name);
    return QUERY.contains(lower) || containsAny(lower, QUERY_PARTS);
  }

  /** Whether the value of header {@code name} is secret. */
  public static boolean isSensitiveHeader(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return HEADERS.contains(lower) || containsAny(lower, HEADER_PARTS);
  }

  /**
   * A URL as it may be shown: user info and sensitive parameter values replaced by {@link #MARK}. Also handles what
   * is not a valid URL, such as {@code user:p/w@host} without a scheme: everything up to the last {@code @} of a
   * user-info-like prefix is hidden.
   */
  public static String url(String url) {
    Objects.requireNonNull(url, "url");
    String s = url;
    int start = s.indexOf("://");
    int from = start < 0 ? 0 : start + 3;
    if (start >= 0 && !s.substring(0, start).matches("[A-Za-z][A-Za-z0-9+.\\-]*")) {
      from = 0;
    }
    int at = s.indexOf('@', from);
    if (at >= 0 && looksLikeUserInfo(s.substring(from, at))) {
      s = s.substring(0, from) + MARK + s.substring(s.lastIndexOf('@'));
    }
    return parameters(s);
  }

  /** Free text (a message, a rendering) with every URL's user info and sensitive parameter values redacted. */
  public static String text(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('@') < 0 && text.indexOf('=') < 0) {
      return text;
    }
    return parameters(USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK + "@")));
  }

  /** A header value as it may be shown: {@code Bearer <redacted>}, {@code csrftoken=<redacted>; Path=/}. */
  public static String headerValue(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    String lower = name.trim().toLowerCase(Locale.ROOT);
    if (URL_HEADERS.contains(lower)) {
      return text(url(value));
    }
    if (!isSensitiveHeader(name)) {
      return text(value);
    }
    if (lower.equals("set-cookie") || lower.equals("cookie")) {
      StringBuilder sb = new StringBuilder();
      for (String part : value.split(";")) {
        String p = part.trim();
        if (sb.length() > 0) {
          sb.append("; ");
        }
        int eq = p.indexOf('=');
        boolean isAttribute = sb.length() > 0 && lower.equals("set-cookie") && isCookieAttribute(p);
        sb.append(eq < 0 ? (isAttribute ? p : MARK) : isAttribute ? p : p.substring(0, eq + 1) + MARK);
      }
      return sb.toString();
    }
    int space = value.indexOf(' ');
    boolean scheme = space > 0 && value.substring(0, space).matches("[A-Za-z][A-Za-z0-9\\-]*");
    return scheme && lower.contains("authori") ? value.substring(0, space) + " " + MARK : MARK;
  }

  /**
   * A value for an exception or failure message: redacted as text, control characters and other invisible
   * characters escaped ({@code \r}, {@code \n}, {@code \0}, {@code \}{@code u0007}), and cut after 512 characters.
   */
  public static String display(String value) {
    Objects.requireNonNull(value, "value");
    String v = text(url(value));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length() && sb.length() < 512; i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\0' -> sb.append("\\0");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
              || Character.getType(c) == Character.SURROGATE && !validSurrogate(v, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (sb.length() >= 512 && v.length() > 512) {
      sb.append("…");
    }
    return sb.toString();
  }

  private static boolean validSurrogate(String v, int i) {
    char c = v.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(v.charAt(i - 1));
  }

  private static boolean looksLikeUserInfo(String beforeAt) {
    int end = firstOf(beforeAt, "/?#");
    if (end < 0) {
      return true;
    }
    int colon = beforeAt.indexOf(':');
    if (colon < 0 || colon > end || beforeAt.startsWith("[")) {
      return false;
    }
    // host:port/path@x is a path with '@'; user:p/w@host is a password holding '/'.
    return !beforeAt.substring(colon + 1, end).matches("[0-9]*");
  }

  private static String parameters(String s) {
    if (s.indexOf('=') < 0) {
      return s;
    }
    Matcher m = PARAMETER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      boolean done = m.group(3).isEmpty() && s.startsWith(MARK, m.end());
      String replacement = isSensitiveQueryParameter(m.group(2)) && !done
          ? m.group(1) + m.group(2) + "=" + MARK : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String decodeLower(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("%5f", "_").replace("%2d", "-").replace("+", " ");
    int bracket = n.indexOf('[');
    return (bracket > 0 ? n.substring(0, bracket) : n).trim();
  }

  private static boolean isCookieAttribute(String part) {
    String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
    return COOKIE_ATTRIBUTES.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  private static boolean containsAny(String s, String[] parts) {
    for (String p : parts) {
      if (s.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static void add(String[] names, Set<String> into) {
    Objects.requireNonNull(names, "names");
    for (String n : names) {
      Objects.requireNonNull(n, "names[]");
      if (n.isBlank()) {
        throw new IllegalArgumentException("a sensitive name must not be blank");
      }
      into.add(n.trim().toLowerCase(Locale.ROOT));
    }
  }

  private static void addFromProperty(String property, Set<String> into) {
    String value = System.getProperty(property, "");
    for (String n : value.split(",")) {
      if (!n.isBlank()) {
        into.add(n.trim().toLowerCase(Locale.ROOT));
      }
    }
  }
}
