package io.netprobe.http;

import io.netprobe.core.Redaction;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A check of the final response, with blackbox_exporter's meaning: a probe whose response fails one is a failure of
 * kind {@link io.netprobe.core.FailureKind#ASSERTION_FAILED}, and {@link HttpProbeResult#assertions()} says which
 * one failed and on what. Regular expressions search (unanchored, like RE2 in blackbox: {@code Matcher.find()}).
 * Body checks see the decoded body, up to the read limit.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HttpAssertion {

  /** The check as blackbox's configuration names it, e.g. {@code fail_if_body_matches_regexp "error"}. */
  String describe();

  /** {@code valid_status_codes}: the status is one of {@code codes}. */
  record StatusIn(Set<Integer> codes) implements HttpAssertion {
    /** @throws IllegalArgumentException when {@code codes} is empty or has codes outside 100–999 */
    public StatusIn {
      codes = Set.copyOf(codes);
      if (codes.isEmpty() || codes.stream().anyMatch(c -> c < 100 || c > 999)) {
        throw new IllegalArgumentException("valid status codes must be 100–999 and at least one, were " + codes);
      }
    }

    @Override
    public String describe() {
      return "valid_status_codes " + new java.util.TreeSet<>(codes);
    }
  }

  /** {@code valid_http_versions}: the response's version is one of {@code versions}. */
  record VersionIn(Set<HttpVersion> versions) implements HttpAssertion {
    /** @throws IllegalArgumentException when {@code versions} is empty */
    public VersionIn {
      versions = Set.copyOf(versions);
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("valid HTTP versions must name at least one version");
      }
    }

    @Override
    public String describe() {
      return "valid_http_versions " + versions.stream().map(HttpVersion::text).sorted().toList();
    }
  }

  /** {@code fail_if_body_matches_regexp}: fails when the body matches. */
  record BodyMatches(Pattern regex) implements HttpAssertion {
    public BodyMatches {
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String describe() {
      return "fail_if_body_matches_regexp " + io.netprobe.internal.Validate.shownPattern(regex.pattern());
    }
  }

  /** {@code fail_if_body_not_matches_regexp}: fails unless the body matches. */
  record BodyNotMatches(Pattern regex) implements HttpAssertion {
    public BodyNotMatches {
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String describe() {
      return "fail_if_body_not_matches_regexp " + io.netprobe.internal.Validate.shownPattern(regex.pattern());
    }
  }

  /**
   * {@code fail_if_header_matches}: fails when any value of {@code header} matches; a missing header fails unless
   * {@code allowMissing}.
   */
  record HeaderMatches(String header, Pattern regex, boolean allowMissing) implements HttpAssertion {
    public HeaderMatches {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String describe() {
      return "fail_if_header_matches " + header + " " + io.netprobe.internal.Validate.shownPattern(regex.pattern());
    }
  }

  /**
   * {@code fail_if_header_not_matches}: fails when no value of {@code header} matches; a missing header fails unless
   * {@code allowMissing}.
   */
  record HeaderNotMatches(String header, Pattern regex, boolean allowMissing) implements HttpAssertion {
    public HeaderNotMatches {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String describe() {
      return "fail_if_header_not_matches " + header + " " + io.netprobe.internal.Validate.shownPattern(regex.pattern());
    }
  }

  /**
   * The body is JSON and the value at {@code path} (a Jayway JSON path such as {@code $.status}) exists and, as
   * text, matches {@code regex} (use {@code ^UP$} for an exact value). Evaluated by the JSON-path library of
   * netprobe-http; without it the assertion fails saying so.
   */
  record JsonPathMatches(String path, Pattern regex) implements HttpAssertion {
    public JsonPathMatches {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(regex, "regex");
      if (!path.startsWith("$")) {
        throw new IllegalArgumentException("a JSON path starts with $, was " + Redaction.display(path));
      }
    }

    @Override
    public String describe() {
      return "json_path " + Redaction.display(path) + " matches " + io.netprobe.internal.Validate.shownPattern(regex.pattern());
    }
  }

  /**
   * A check of the decoded body by code the caller supplies, e.g. the exporter's CEL expressions on a JSON body:
   * {@code check} returns empty when the body passes, else what it found wrong (shown as what the check observed;
   * it must not quote secrets). {@code check} must be thread-safe and quick: it runs on the probe's thread.
   *
   * @param name the check as a configuration names it, e.g. {@code fail_if_body_json_matches_cel "body.ok"}
   * @param check the body's text to empty (passed) or the reason it failed
   */
  record BodyCheck(String name, java.util.function.Function<String, java.util.Optional<String>> check)
      implements HttpAssertion {
    public BodyCheck {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
    }

    @Override
    public String describe() {
      return Redaction.display(name);
    }
  }

  /** {@code fail_if_not_ssl} ({@code true}) or {@code fail_if_ssl} ({@code false}) on the final response. */
  record Tls(boolean required) implements HttpAssertion {
    @Override
    public String describe() {
      return required ? "fail_if_not_ssl" : "fail_if_ssl";
    }
  }
}
