package io.netprobe.health.config;

import io.netprobe.core.ProbeResult;
import io.netprobe.health.HealthRule;
import io.netprobe.health.HealthRules;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.icmp.PingResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the text of {@code expect=} into a {@link HealthRule}: one rule ({@code "status 2xx"}) or several separated
 * by {@code ;} that must all hold, the worst verdict winning ({@code "status 2xx; certificate 14d"}). Rule names
 * are case-insensitive; a rule takes the arguments shown, separated by spaces.
 *
 * <table>
 * <caption>Rules</caption>
 * <tr><th>rule</th><th>for</th><th>meaning</th><th>as</th></tr>
 * <tr><td>{@code succeeds}</td><td>every probe</td><td>UP when the probe succeeded</td>
 *     <td>{@link HealthRules#succeeds()}</td></tr>
 * <tr><td>{@code faster-than 200ms}</td><td>every probe</td><td>DEGRADED when it took 200 ms or longer</td>
 *     <td>{@link HealthRules#fasterThan(Duration)}</td></tr>
 * <tr><td>{@code status 2xx}, {@code status 200-399}, {@code status 204}</td><td>http</td>
 *     <td>the final status is in the class, range or equal</td><td>{@link HealthRules#httpStatus(int, int)}</td></tr>
 * <tr><td>{@code certificate 14d}</td><td>http</td><td>DEGRADED when a certificate expires within 14 days</td>
 *     <td>{@link HealthRules#certificateValidFor(Duration)}</td></tr>
 * <tr><td>{@code answer 192.0.2.1}, {@code answer 10 mail.example.com.}</td><td>dns</td>
 *     <td>the answer holds that address or record data</td><td>{@link HealthRules#dnsAnswerContains(String)}</td></tr>
 * <tr><td>{@code loss 20}, {@code loss 20 50}</td><td>ping</td><td>DEGRADED from 20% loss (DOWN from 50%)</td>
 *     <td>{@link HealthRules#lossBelow(double, double)}</td></tr>
 * <tr><td>{@code rtt 100ms}</td><td>ping</td><td>DEGRADED when the average round trip is 100 ms or more</td>
 *     <td>{@link HealthRules#averageRttBelow(Duration)}</td></tr>
 * <tr><td>{@code listens 8080}</td><td>sockets</td><td>something listens on port 8080</td>
 *     <td>{@link HealthRules#listens(int)}</td></tr>
 * <tr><td>{@code loopback-only 5432}</td><td>sockets</td><td>port 5432 listens, on loopback only</td>
 *     <td>{@link HealthRules#listensOnLoopbackOnly(int)}</td></tr>
 * </table>
 *
 * <p>Durations are written as {@link DurationText} reads them. Stateless; thread-safe.
 */
public final class RuleText {
  /** Ten years, as {@link HealthRules#certificateValidFor(Duration)} allows. */
  private static final int MAX_CERTIFICATE_DAYS = 3650;

  private RuleText() {}

  /**
   * The rule, or the combination of rules, that {@code text} describes for results of {@code probe}.
   *
   * <pre>{@code
   * HealthRule<HttpProbeResult> r = RuleText.parse(ProbeType.HTTP, "status 200-399; certificate 14d");
   * HealthRule<PingResult> loss = RuleText.parse(ProbeType.PING, "loss 20 50");
   * }</pre>
   *
   * @throws CheckDefinitionException naming the rule and what is wrong with it: not a rule of this probe type, a
   *     missing, extra or malformed argument, or a value out of range
   */
  public static <R extends ProbeResult> HealthRule<R> parse(ProbeType<R> probe, String text) {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(text, "text");
    HealthRule<R> combined = null;
    for (String term : text.split(";")) {
      if (term.isBlank()) {
        continue;
      }
      HealthRule<R> rule = one(probe, term.trim());
      combined = combined == null ? rule : combined.and(rule);
    }
    if (combined == null) {
      throw CheckDefinitionException.ofRule(text, "there is no rule; write one like \"" + probe.defaultExpect()
          + "\"; " + probe + " checks know " + String.join(", ", probe.rules()));
    }
    return combined;
  }

  private static <R extends ProbeResult> HealthRule<R> one(ProbeType<R> probe, String term) {
    Words w = new Words(term);
    if (!probe.rules().contains(w.name())) {
      throw CheckDefinitionException.ofRule(term, "not a rule of " + probe + " checks, which know "
          + String.join(", ", probe.rules()));
    }
    HealthRule<?> rule;
    try {
      rule = switch (w.name()) {
        case "succeeds" -> w.none(HealthRules.succeeds());
        case "faster-than" -> HealthRules.fasterThan(DurationText.parse("faster-than", w.only("faster-than 200ms")));
        case "status" -> status(w.only("status 2xx"));
        case "certificate" -> certificate(w.only("certificate 14d"));
        case "answer" -> HealthRules.dnsAnswerContains(w.rest("answer 192.0.2.1"));
        case "loss" -> loss(w);
        case "rtt" -> HealthRules.averageRttBelow(DurationText.parse("rtt", w.only("rtt 100ms")));
        case "listens" -> HealthRules.listens(port(w.only("listens 8080")));
        case "loopback-only" -> HealthRules.listensOnLoopbackOnly(port(w.only("loopback-only 5432")));
        default -> throw new IllegalStateException("no parser for the rule " + w.name());
      };
    } catch (CheckDefinitionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw CheckDefinitionException.ofRule(term, e);
    }
    // the name is one of probe.rules(), and each name's rule judges that probe type's result (or any result)
    @SuppressWarnings("unchecked")
    HealthRule<R> typed = (HealthRule<R>) rule;
    return typed;
  }

  private static HealthRule<HttpProbeResult> status(String range) {
    String r = range.toLowerCase(Locale.ROOT);
    if (r.matches("[1-5]xx")) {
      int base = (r.charAt(0) - '0') * 100;
      return HealthRules.httpStatus(base, base + 99);
    }
    if (r.matches("[0-9]{3}-[0-9]{3}")) {
      int min = statusCode(r.substring(0, 3));
      int max = statusCode(r.substring(4));
      if (min > max) {
        throw new IllegalArgumentException("a status range goes from low to high, was \"" + range + "\"");
      }
      return HealthRules.httpStatus(min, max);
    }
    if (r.matches("[0-9]{3}")) {
      int code = statusCode(r);
      return HealthRules.httpStatus(code, code);
    }
    throw new IllegalArgumentException("status must be like 2xx, 200-399 or 204, was \"" + range + "\"");
  }

  private static int statusCode(String text) {
    int code = Integer.parseInt(text);
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("a status code is between 100 and 599, was " + code);
    }
    return code;
  }

  private static HealthRule<HttpProbeResult> certificate(String days) {
    if (!days.matches("[0-9]{1,4}d")) {
      throw new IllegalArgumentException("certificate needs a number of days like 14d, was \"" + days + "\"");
    }
    long n = Long.parseLong(days.substring(0, days.length() - 1));
    if (n > MAX_CERTIFICATE_DAYS) {
      throw new IllegalArgumentException("certificate needs at most " + MAX_CERTIFICATE_DAYS + " days, was \"" + days
          + "\"");
    }
    return HealthRules.certificateValidFor(Duration.ofDays(n));
  }

  private static HealthRule<PingResult> loss(Words w) {
    List<String> a = w.between(1, 2, "loss 20", "loss 20 50");
    double degraded = percent(a.get(0));
    if (a.size() == 1) {
      return HealthRules.lossBelow(degraded);
    }
    double down = percent(a.get(1));
    if (down < degraded) {
      throw new IllegalArgumentException("the second loss (DOWN from) must not be below the first (DEGRADED from),"
          + " were " + a.get(0) + " and " + a.get(1));
    }
    return HealthRules.lossBelow(degraded, down);
  }

  private static double percent(String text) {
    double p;
    try {
      p = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
    } catch (NumberFormatException e) {
      p = Double.NaN;
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("loss must be a percentage from 0 to 100, was \"" + text + "\"");
    }
    return p;
  }

  private static int port(String text) {
    if (!text.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("port must be a whole number, was \"" + text + "\"");
    }
    return Integer.parseInt(text);
  }

  /** One rule as written: its name in lower case and its arguments. */
  private static final class Words {
    private final String name;
    private final List<String> args;

    Words(String term) {
      String[] w = term.split("\\s+");
      this.name = w[0].toLowerCase(Locale.ROOT);
      this.args = List.of(w).subList(1, w.length);
    }

    String name() {
      return name;
    }

    <T> T none(T rule) {
      if (!args.isEmpty()) {
        throw new IllegalArgumentException(name + " takes no argument");
      }
      return rule;
    }

    String only(String example) {
      return between(1, 1, example).get(0);
    }

    String rest(String example) {
      return String.join(" ", between(1, Integer.MAX_VALUE, example));
    }

    List<String> between(int min, int max, String... examples) {
      String like = Stream.of(examples).map(e -> "\"" + e + "\"").collect(Collectors.joining(" or "));
      if (args.size() < min) {
        throw new IllegalArgumentException(name + " needs an argument, like " + like);
      }
      if (args.size() > max) {
        throw new IllegalArgumentException(name + " takes " + (max == 1 ? "one argument" : "at most " + max
            + " arguments") + ", like " + like);
      }
      return args;
    }
  }
}
