package io.netprobe.internal.http;

import io.netprobe.http.HttpHeaders;
import io.netprobe.internal.Validate;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a redirect points: its {@code Location} resolved against the URL that answered, leniently like browsers and
 * curl (a raw space, a non-ASCII character or a stray {@code %} is percent-encoded, a backslash is a slash), then
 * normalised like a probe's own URL so that loops are recognised. Only http(s) targets count. Stateless; thread-safe.
 */
final class Locations {
  private static final String ILLEGAL = "\"<>^`{|}";

  private Locations() {}

  /** The target of a 3xx response with a followable {@code Location}; empty otherwise. */
  static Optional<URI> target(URI base, int status, HttpHeaders headers) {
    if (status < 300 || status > 399) {
      return Optional.empty();
    }
    return headers.first("location").flatMap(location -> resolve(base, location));
  }

  /** {@code location} resolved against {@code base}, when it is an http(s) URL a probe could request. */
  static Optional<URI> resolve(URI base, String location) {
    String text = lenient(location.strip());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    URI absolute;
    try {
      // java.net.URI resolves a query-only reference against the base's directory; RFC 3986 keeps the whole path
      absolute = text.startsWith("?") ? new URI(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
          + text) : base.resolve(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String scheme = absolute.getScheme() == null ? "" : absolute.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Validate.httpUrl(absolute.toString()));
    } catch (IllegalArgumentException notProbeable) {
      return Optional.empty();
    }
  }

  private static String lenient(String location) {
    StringBuilder out = new StringBuilder(location.length());
    for (int i = 0; i < location.length(); i += Character.charCount(location.codePointAt(i))) {
      int c = location.codePointAt(i);
      if (c == '\\') {
        out.append('/');
      } else if (c == '%' && !(i + 2 < location.length() && isHex(location.charAt(i + 1))
          && isHex(location.charAt(i + 2)))) {
        out.append("%25");
      } else if (c <= 0x20 || c >= 0x7f || ILLEGAL.indexOf(c) >= 0) {
        for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
