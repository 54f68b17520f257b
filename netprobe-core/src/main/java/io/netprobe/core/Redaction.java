package io.netprobe.core;

import io.netprobe.internal.net.RedactionPolicy;
import java.util.Set;

/**
 * netprobe's one redaction policy, applied wherever a value leaves the library: {@code toString()}, JSON,
 * netprobe-text's renderings, failure messages, exception messages, the diagnosis report and the command line.
 *
 * <p>What is secret:
 * <ul>
 *   <li>user info in a URL ({@code https://user:pw@host/} → {@code https://<redacted>@host/});
 *   <li>the value of a sensitive query (or fragment) parameter ({@code ?token=abc} → {@code ?token=<redacted>}):
 *       the names in {@link #sensitiveQueryParameters()} and every name containing {@code token}, {@code secret},
 *       {@code passw}, {@code signature}, {@code credential}, {@code api_key}, {@code apikey} or {@code api-key};
 *   <li>the value of a sensitive header ({@code Authorization: Bearer <redacted>}, cookies with only their names
 *       kept): the names in {@link #sensitiveHeaders()} and every name containing {@code token}, {@code secret},
 *       {@code api-key}, {@code apikey}, {@code authoriz}, {@code authent}, {@code cookie} or
 *       {@code session}; URLs in {@code Location}, {@code Content-Location}, {@code Refresh} and
 *       {@code Link} values are redacted as URLs.
 * </ul>
 *
 * <p>More names: {@link #addSensitiveQueryParameters(String...)} and {@link #addSensitiveHeaders(String...)}, or the
 * system properties {@code netprobe.redact.queryParameters} and {@code netprobe.redact.headers} (comma-separated,
 * read once when this class loads). Names compare without regard to case. Names can be added, never removed.
 *
 * <p>Thread-safe.
 */
public final class Redaction {
  /** What a secret is replaced with. */
  public static final String MARK = RedactionPolicy.MARK;

  private Redaction() {}

  /** Adds query (and fragment) parameter names whose values are secret, for this JVM. */
  public static void addSensitiveQueryParameters(String... names) {
    RedactionPolicy.addSensitiveQueryParameters(names);
  }

  /** Adds header names whose values are secret, for this JVM. */
  public static void addSensitiveHeaders(String... names) {
    RedactionPolicy.addSensitiveHeaders(names);
  }

  /** The query parameter names redacted by exact match, lower case (the built-in ones and those added). */
  public static Set<String> sensitiveQueryParameters() {
    return RedactionPolicy.sensitiveQueryParameters();
  }

  /** The header names redacted by exact match, lower case (the built-in ones and those added). */
  public static Set<String> sensitiveHeaders() {
    return RedactionPolicy.sensitiveHeaders();
  }

  /** Whether the value of query parameter {@code name} is secret. */
  public static boolean isSensitiveQueryParameter(String name) {
    return RedactionPolicy.isSensitiveQueryParameter(name);
  }

  /** Whether the value of header {@code name} is secret. */
  public static boolean isSensitiveHeader(String name) {
    return RedactionPolicy.isSensitiveHeader(name);
  }

  /**
   * A URL as it may be shown: user info and sensitive parameter values replaced by {@link #MARK}. Also handles what
   * is not a valid URL, such as {@code user:p/w@host} without a scheme: everything up to the last {@code @} of a
   * user-info-like prefix is hidden.
   */
  public static String url(String url) {
    return RedactionPolicy.url(url);
  }

  /** Free text (a message, a rendering) with every URL's user info and sensitive parameter values redacted. */
  public static String text(String text) {
    return RedactionPolicy.text(text);
  }

  /** A header value as it may be shown: {@code Bearer <redacted>}, {@code csrftoken=<redacted>; Path=/}. */
  public static String headerValue(String name, String value) {
    return RedactionPolicy.headerValue(name, value);
  }

  /**
   * A value for an exception or failure message: redacted as text, control characters and other invisible
   * characters escaped ({@code \r}, {@code \n}, {@code \0}, {@code \}{@code u0007}), and cut after 512 characters.
   */
  public static String display(String value) {
    return RedactionPolicy.display(value);
  }
}
