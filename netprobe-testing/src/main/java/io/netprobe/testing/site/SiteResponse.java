package io.netprobe.testing.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link LocalSite} answers on one path: a status, headers and a body. A header value may be computed for
 * every response (a fresh cookie, a request id), so that a site can stand in for one that varies them.
 *
 * <pre>{@code
 * SiteResponse.status(302).header("location", "/login/")
 * SiteResponse.status(200).header("content-type", "text/plain").body("ok\n")
 * }</pre>
 *
 * <p>Immutable; thread-safe when its value suppliers are.
 */
public final class SiteResponse {
  private final int status;
  private final List<Map.Entry<String, Supplier<String>>> headers;
  private final String body;

  private SiteResponse(int status, List<Map.Entry<String, Supplier<String>>> headers, String body) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  /**
   * A response with {@code status}, no headers and no body.
   *
   * @throws IllegalArgumentException when {@code status} is not between 100 and 599
   */
  public static SiteResponse status(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status + " must be between 100 and 599");
    }
    return new SiteResponse(status, List.of(), "");
  }

  /** A redirect: {@code status} (301, 302, 307, 308…) with a {@code location} header. */
  public static SiteResponse redirect(int status, String location) {
    return status(status).header("location", location);
  }

  /**
   * This response with one more header (names are sent in lower case; a name may repeat).
   *
   * @throws IllegalArgumentException when {@code name} is blank or either holds a line break
   */
  public SiteResponse header(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header value '" + value + "' must not hold a line break");
    }
    return header(name, () -> value);
  }

  /** This response with one more header whose value is computed for every response. */
  public SiteResponse header(String name, Supplier<String> value) {
    if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > '~')) {
      throw new IllegalArgumentException("header name '" + name + "' must be a token (no spaces, no ':')");
    }
    List<Map.Entry<String, Supplier<String>>> more = new ArrayList<>(headers);
    more.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    return new SiteResponse(status, more, body);
  }

  /** This response with {@code text} as its body (UTF-8; not sent to HEAD requests). */
  public SiteResponse body(String text) {
    return new SiteResponse(status, headers, text);
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The headers in the order given, each value computed once per call of {@link Supplier#get()}. */
  public List<Map.Entry<String, Supplier<String>>> headers() {
    return headers;
  }

  /** The body; empty for none. */
  public String body() {
    return body;
  }
}
