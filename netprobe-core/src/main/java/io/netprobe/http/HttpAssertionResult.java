package io.netprobe.http;

import java.util.Objects;

/**
 * How one {@link HttpAssertion} fared on the final response.
 *
 * <p>Immutable and thread-safe.
 *
 * @param assertion the check
 * @param passed whether the response passed it
 * @param observed what the check saw, for humans: the status, the header value (secret ones redacted), the start of
 *     the body or the JSON value (control characters escaped, cut)
 */
public record HttpAssertionResult(HttpAssertion assertion, boolean passed, String observed) {
  public HttpAssertionResult {
    Objects.requireNonNull(assertion, "assertion");
    Objects.requireNonNull(observed, "observed");
  }

  /** {@code fail_if_body_matches_regexp "error" failed on "…"}. */
  public String describe() {
    return assertion.describe() + (passed ? " passed on " : " failed on ") + observed;
  }
}
