package io.netprobe.internal;

import io.netprobe.core.Host;
import io.netprobe.core.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Argument checks shared by every request type, so that every probe rejects bad input with the same kind of message:
 * the parameter, the bad value, and what is allowed. Stateless; thread-safe.
 */
public final class Validate {
  /** The longest timeout a request accepts. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  private Validate() {}

  /** A TCP or UDP port to connect to: 1–65535. */
  public static int port(int port) {
    return port("port", port);
  }

  public static int port(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be between 1 and 65535, was " + port);
    }
    return port;
  }

  /** A whole number in {@code [min, max]}. */
  public static int inRange(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** A probe timeout: positive and at most {@link #MAX_TIMEOUT}. */
  public static Duration timeout(Duration timeout) {
    return positiveDuration("timeout", timeout, MAX_TIMEOUT);
  }

  /** A positive duration no longer than {@code max}. */
  public static Duration positiveDuration(String what, Duration value, Duration max) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(what + " must be at most " + max + ", was " + value);
    }
    return value;
  }

  /** A duration that is zero or positive and no longer than {@code max}. */
  public static Duration nonNegativeDuration(String what, Duration value, Duration max) {
    Objects.requireNonNull(value, what);
    if (value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(what + " must be at most " + max + ", was " + value);
    }
    return value;
  }

  /**
   * An http or https URL to probe. A missing scheme defaults to https ({@code example.com} → {@code
   * https://example.com/}); an empty path becomes {@code /}; a fragment is dropped. Rejected: other schemes, no host,
   * an invalid host, a port outside 1–65535, user info ({@code user:pass@host} — credentials do not belong in a probe
   * target), white space.
   */
  public static URI httpUrl(String url) {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw badUrl(url, "must not be empty");
    }
    for (int i = 0; i < url.length(); i++) {
      if (Character.isWhitespace(url.charAt(i)) || Character.isISOControl(url.charAt(i))) {
        throw badUrl(url, "must not contain white space or control characters (percent-encode them)");
      }
    }
    String text = url;
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      if (text.matches("^[A-Za-z][A-Za-z0-9+.\\-]*:[^0-9].*") && !text.startsWith("[")) {
        throw badUrl(url, "only http and https URLs can be probed");
      }
      text = "https://" + text;
      schemeEnd = 5;
    }
    String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw badUrl(url, "only http and https URLs can be probed, not " + scheme);
    }
    if (hasUserInfo(url)) {
      throw badUrl(url, "must not contain user info (the part before '@'); credentials do not belong in a probe URL");
    }
    String rest = text.substring(schemeEnd + 3);
    int authorityEnd = firstOf(rest, "/?#");
    String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
    String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
    if (authority.contains("@")) {
      throw badUrl(url, "must not contain user info (the part before '@'); credentials do not belong in a probe URL");
    }
    if (authority.isEmpty()) {
      throw badUrl(url, "has no host");
    }
    String hostText = authority;
    int port = -1;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw badUrl(url, "has an IPv6 literal without its closing ']'");
      }
      // RFC 6874 writes a zone as %25 (fe80::1%25eth0); curl -g also takes the raw % form. Both mean one zone.
      hostText = authority.substring(0, close + 1).replace("%25", "%");
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw badUrl(url, "has text after the IPv6 literal that is not a port");
        }
        port = parsePort(url, after.substring(1));
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        hostText = authority.substring(0, colon);
        port = parsePort(url, authority.substring(colon + 1));
      }
    }
    if (hostText.isEmpty()) {
      throw badUrl(url, "has no host");
    }
    Host host;
    try {
      host = Host.of(hostText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid URL \"" + Redaction.display(url) + "\": " + e.getMessage(), e);
    }
    int fragment = tail.indexOf('#');
    if (fragment >= 0) {
      tail = tail.substring(0, fragment);
    }
    if (tail.isEmpty() || tail.startsWith("?")) {
      tail = "/" + tail;
    }
    String normalized = scheme + "://" + host.uriHost() + (port < 0 ? "" : ":" + port) + tail;
    try {
      return new URI(normalized);
    } catch (URISyntaxException e) {
      throw badUrl(url, "is not a valid URL (" + e.getReason() + ")");
    }
  }

  private static int parsePort(String url, String text) {
    if (text.isEmpty()) {
      return -1;
    }
    if (text.length() > 6 || !digits(text)) {
      throw badUrl(url, "has a port that is not a number: " + text);
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw badUrl(url, "has port " + port + "; ports must be between 1 and 65535");
    }
    return port;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code url} has user info, also where a password holds '/', '?', '#' or white space. */
  private static boolean hasUserInfo(String url) {
    // no '@', no user info: the common case skips the redaction's scan
    return url.indexOf('@') >= 0 && Redaction.url(url).contains(Redaction.MARK + "@");
  }

  /**
   * A regular expression, compiled.
   *
   * @throws IllegalArgumentException naming the expression (escaped) and what is wrong with it
   */
  public static java.util.regex.Pattern regex(String regex) {
    Objects.requireNonNull(regex, "regex");
    try {
      return java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("not a valid regular expression: " + quote(regex) + ": "
          + e.getDescription() + " near index " + e.getIndex());
    }
  }

  /**
   * A regular expression as shown in a description: as written (backslashes stay single), only control characters
   * escaped as {@code \xNN} so that it stays on one line.
   */
  public static String shownPattern(String regex) {
    StringBuilder sb = new StringBuilder(regex.length());
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The value for a message: secrets redacted, control characters escaped ({@link Redaction#display}). */
  public static String quote(String value) {
    return "\"" + Redaction.display(value) + "\"";
  }

  private static IllegalArgumentException badUrl(String url, String rule) {
    return new IllegalArgumentException("Invalid URL " + quote(url) + ": " + rule);
  }
}
