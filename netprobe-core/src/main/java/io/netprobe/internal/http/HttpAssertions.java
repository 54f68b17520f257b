package io.netprobe.internal.http;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Redaction;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpAssertionResult;
import io.netprobe.http.HttpBodyInfo;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpOptions;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.JsonPathEvaluator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Checks a final response against a probe's {@link HttpAssertion}s and its body size limit, with blackbox_exporter's
 * semantics, recording what each check saw (secret header values redacted, bodies escaped and cut). Stateless;
 * thread-safe.
 */
final class HttpAssertions {
  /** How much of an observed body or value a result quotes. */
  private static final int QUOTE_CHARS = 120;

  private HttpAssertions() {}

  /** The outcome of every assertion, in order; a body-size-limit overflow is reported as the first. */
  static List<HttpAssertionResult> check(HttpOptions options, HttpHop last, Optional<HttpExchange.Body> body) {
    List<HttpAssertionResult> results = new ArrayList<>();
    Optional<String> text = body.map(b -> new String(b.decoded(), StandardCharsets.UTF_8));
    for (HttpAssertion a : options.assertions()) {
      HttpAssertionResult r = checkOne(a, last, body.map(HttpExchange.Body::info), text);
      results.add(new HttpAssertionResult(a, r.passed(), scrub(r.observed(), options)));
    }
    return results;
  }

  /** {@code observed} without the probe's own credentials, which a server may echo (a debug endpoint, an error). */
  private static String scrub(String observed, HttpOptions options) {
    List<String> secrets = new ArrayList<>();
    options.auth().ifPresent(auth -> {
      secrets.add(auth.headerValue().substring(auth.headerValue().indexOf(' ') + 1));
      if (auth instanceof io.netprobe.http.HttpAuth.Basic b) {
        secrets.add(b.password().reveal());
      } else if (auth instanceof io.netprobe.http.HttpAuth.Bearer t) {
        secrets.add(t.token().reveal());
      }
    });
    options.proxy().flatMap(p -> p.credentials()).ifPresent(c -> {
      secrets.add(c.password().reveal());
      secrets.add(c.headerValue().substring(6));
    });
    String out = observed;
    for (String secret : secrets) {
      if (secret.length() >= 3) {
        out = out.replace(Redaction.display(secret), Redaction.MARK).replace(secret, Redaction.MARK);
      }
    }
    return out;
  }

  /** The failure that the first failed assertion makes, when any. */
  static Optional<ProbeFailure> failure(List<HttpAssertionResult> results) {
    return results.stream().filter(r -> !r.passed()).findFirst()
        .map(r -> ProbeFailure.of(FailureKind.ASSERTION_FAILED, r.describe()));
  }

  /** A body longer than {@code limit} bytes (after decoding): the failure, or empty. */
  static Optional<ProbeFailure> overLimit(long limit, Optional<HttpExchange.Body> body) {
    if (limit <= 0 || body.isEmpty() || body.get().info().decodedBytes() <= limit) {
      return Optional.empty();
    }
    return Optional.of(ProbeFailure.of(FailureKind.ASSERTION_FAILED, "body_size_limit " + limit
        + " failed: the body is longer than " + limit + " bytes after decoding"));
  }

  private static HttpAssertionResult checkOne(HttpAssertion a, HttpHop last, Optional<HttpBodyInfo> info,
      Optional<String> text) {
    if (a instanceof HttpAssertion.StatusIn s) {
      return new HttpAssertionResult(a, s.codes().contains(last.status()), "status " + last.status());
    } else if (a instanceof HttpAssertion.VersionIn v) {
      return new HttpAssertionResult(a, v.versions().contains(last.version()), last.version().text());
    } else if (a instanceof HttpAssertion.Tls t) {
      boolean tls = last.tls().isPresent();
      return new HttpAssertionResult(a, tls == t.required(), tls ? "TLS" : "plain HTTP");
    } else if (a instanceof HttpAssertion.HeaderMatches h) {
      return header(a, last, h.header(), h.regex(), h.allowMissing(), true);
    } else if (a instanceof HttpAssertion.HeaderNotMatches h) {
      return header(a, last, h.header(), h.regex(), h.allowMissing(), false);
    }
    if (text.isEmpty()) {
      return new HttpAssertionResult(a, false, "no body was read (method " + last.method() + ")");
    }
    String observed = quote(text.get()) + (info.map(HttpBodyInfo::truncated).orElse(false) ? " (read limit reached)" : "");
    if (a instanceof HttpAssertion.BodyMatches b) {
      return new HttpAssertionResult(a, !find(b.regex(), text.get()), observed);
    } else if (a instanceof HttpAssertion.BodyNotMatches b) {
      return new HttpAssertionResult(a, find(b.regex(), text.get()), observed);
    } else if (a instanceof HttpAssertion.BodyCheck c) {
      Optional<String> wrong = c.check().apply(text.get());
      return new HttpAssertionResult(a, wrong.isEmpty(), wrong.map(Redaction::display).orElse(observed));
    }
    HttpAssertion.JsonPathMatches j = (HttpAssertion.JsonPathMatches) a;
    Optional<JsonPathEvaluator> evaluator = Evaluator.INSTANCE;
    if (evaluator.isEmpty()) {
      return new HttpAssertionResult(a, false, "no JSON path library: add netprobe-http to the class path");
    }
    try {
      Optional<String> value = evaluator.get().evaluate(text.get(), j.path());
      return value.map(v -> new HttpAssertionResult(a, find(j.regex(), v), quote(v)))
          .orElseGet(() -> new HttpAssertionResult(a, false, "nothing at " + Redaction.display(j.path())));
    } catch (IllegalArgumentException e) {
      return new HttpAssertionResult(a, false, Redaction.display(String.valueOf(e.getMessage())));
    }
  }

  private static HttpAssertionResult header(HttpAssertion a, HttpHop last, String name, Pattern regex,
      boolean allowMissing, boolean failIfMatches) {
    List<String> values = last.headers().all(name);
    if (values.isEmpty()) {
      return new HttpAssertionResult(a, allowMissing, "no " + name + " header");
    }
    boolean any = values.stream().anyMatch(v -> find(regex, v));
    List<String> shown = values.stream().map(v -> quote(Redaction.headerValue(name, v))).toList();
    return new HttpAssertionResult(a, failIfMatches != any, name + ": " + String.join(", ", shown));
  }

  private static boolean find(Pattern regex, String text) {
    return regex.matcher(text).find();
  }

  private static String quote(String s) {
    String cut = s.length() > QUOTE_CHARS ? s.substring(0, QUOTE_CHARS) + "…" : s;
    return "\"" + Redaction.display(cut) + "\"";
  }

  /** The JSON path library, looked up once. */
  private static final class Evaluator {
    static final Optional<JsonPathEvaluator> INSTANCE = ServiceLoader.load(JsonPathEvaluator.class,
        HttpAssertions.class.getClassLoader()).findFirst();
  }
}
