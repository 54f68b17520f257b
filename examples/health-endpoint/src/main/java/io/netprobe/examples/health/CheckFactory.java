package io.netprobe.examples.health;

import io.netprobe.ProbeClient;
import io.netprobe.ProbeRequest;
import io.netprobe.ProbeResult;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthRule;
import io.netprobe.health.HealthRules;
import io.netprobe.http.HttpHeadResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Builds a {@link HealthCheck} from the {@code check.<name>.*} keys of the configuration file:
 *
 * <pre>
 * check.web.probe=http                     # http, dns, tcp, ping or sockets
 * check.web.target=https://example.com/
 * check.web.expect=status 2xx; certificate 14d
 * check.web.interval=30s
 * check.web.timeout=5s
 * </pre>
 *
 * <p>{@code expect} is a {@code ;}-separated list of rules that must all hold (the worst verdict wins): {@code
 * succeeds}, {@code faster-than 200ms}, for http {@code status 2xx}, {@code status 200-399}, {@code status 204},
 * {@code certificate 14d}; for dns {@code answer 192.0.2.1}; for ping {@code loss 20} or {@code loss 20 50} (degraded
 * from 20%, down from 50%), {@code rtt 100ms}; for sockets {@code listens 8080}, {@code loopback-only 5432}.
 * Defaults: {@code status 2xx} for http, {@code succeeds} for the others.
 *
 * <p>Per probe, optional keys: http {@code method}, {@code follow-redirects}, {@code insecure}; dns {@code type},
 * {@code server}; ping {@code count}, {@code ping-interval}; sockets {@code protocol} (tcp or udp).
 *
 * <p>Stateless; thread-safe.
 */
final class CheckFactory {
  private static final Set<String> COMMON_KEYS = Set.of("probe", "target", "expect", "interval", "timeout");

  private CheckFactory() {}

  /** @throws IllegalArgumentException naming the check and key when the configuration is wrong */
  static HealthCheck<?> create(String name, Map<String, String> keys, ProbeClient client) {
    try {
      return build(name, keys, client);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("check." + name + ": " + e.getMessage(), e);
    }
  }

  private static HealthCheck<?> build(String name, Map<String, String> keys, ProbeClient client) {
    String probe = require(keys, "probe").toLowerCase(Locale.ROOT);
    String expect = keys.get("expect");
    HealthCheck<?> check;
    switch (probe) {
      case "http" -> {
        allowOnly(keys, "method", "follow-redirects", "insecure");
        HttpProbeRequest r = client.http(require(keys, "target"));
        if (keys.containsKey("method")) {
          r = r.method(keys.get("method"));
        }
        if (Boolean.parseBoolean(keys.getOrDefault("follow-redirects", "false"))) {
          r = r.followRedirects();
        }
        if (Boolean.parseBoolean(keys.getOrDefault("insecure", "false"))) {
          r = r.insecure();
        }
        check = HealthCheck.of(name, timeout(r, keys), rules(expect, "status 2xx", CheckFactory::httpRule));
      }
      case "dns" -> {
        allowOnly(keys, "type", "server");
        DnsRequest r = client.dns(require(keys, "target"));
        if (keys.containsKey("type")) {
          r = r.type(keys.get("type"));
        }
        if (keys.containsKey("server")) {
          HostPort server = HostPort.parse("server", keys.get("server"));
          r = r.server(server.host().ascii(), server.portOr(53));
        }
        check = HealthCheck.of(name, timeout(r, keys), rules(expect, "succeeds", CheckFactory::dnsRule));
      }
      case "tcp" -> {
        allowOnly(keys);
        HostPort hp = HostPort.parse("target", require(keys, "target"));
        if (hp.port().isEmpty()) {
          throw new IllegalArgumentException("target of a tcp check needs a port, like db.internal:5432");
        }
        check = HealthCheck.of(name, timeout(client.tcp(hp.host().input(), hp.port().getAsInt()), keys),
            rules(expect, "succeeds", CheckFactory::<TcpConnectResult>commonRule));
      }
      case "ping" -> {
        allowOnly(keys, "count", "ping-interval");
        PingRequest r = client.ping(require(keys, "target"));
        if (keys.containsKey("count")) {
          r = r.count(integer("count", keys.get("count")));
        }
        if (keys.containsKey("ping-interval")) {
          r = r.interval(Durations.parse("ping-interval", keys.get("ping-interval")));
        }
        check = HealthCheck.of(name, timeout(r, keys), rules(expect, "succeeds", CheckFactory::pingRule));
      }
      case "sockets" -> {
        allowOnly(keys, "protocol");
        ListeningSocketsRequest r = client.listeningSockets();
        String protocol = keys.getOrDefault("protocol", "tcp").toLowerCase(Locale.ROOT);
        r = switch (protocol) {
          case "tcp" -> r.tcp();
          case "udp" -> r.udp();
          default -> throw new IllegalArgumentException("protocol must be tcp or udp, was \"" + protocol + "\"");
        };
        check = HealthCheck.of(name, timeout(r.withoutOwners(), keys),
            rules(expect, "succeeds", CheckFactory::socketsRule));
      }
      default -> throw new IllegalArgumentException("probe must be http, dns, tcp, ping or sockets, was \"" + probe
          + "\"");
    }
    return keys.containsKey("interval") ? check.every(Durations.parse("interval", keys.get("interval"))) : check;
  }

  private static <R extends ProbeResult> HealthRule<R> rules(@Nullable String expect, String fallback,
      Function<String[], HealthRule<R>> parser) {
    String text = expect == null || expect.isBlank() ? fallback : expect;
    HealthRule<R> combined = null;
    for (String term : text.split(";")) {
      String[] words = term.trim().split("\\s+");
      if (words[0].isEmpty()) {
        continue;
      }
      HealthRule<R> rule = parser.apply(words);
      combined = combined == null ? rule : combined.and(rule);
    }
    if (combined == null) {
      throw new IllegalArgumentException("expect has no rule: \"" + expect + "\"");
    }
    return combined;
  }

  private static HealthRule<HttpHeadResult> httpRule(String[] w) {
    switch (w[0]) {
      case "status" -> {
        String range = argument(w, 1, "status 2xx, status 200-399 or status 204");
        if (range.matches("[1-5]xx")) {
          int base = (range.charAt(0) - '0') * 100;
          return HealthRules.httpStatus(base, base + 99);
        }
        if (range.matches("[0-9]{3}-[0-9]{3}")) {
          return HealthRules.httpStatus(Integer.parseInt(range.substring(0, 3)), Integer.parseInt(range.substring(4)));
        }
        if (range.matches("[0-9]{3}")) {
          int code = Integer.parseInt(range);
          return HealthRules.httpStatus(code, code);
        }
        throw new IllegalArgumentException("status must be like 2xx, 200-399 or 204, was \"" + range + "\"");
      }
      case "certificate" -> {
        String days = argument(w, 1, "certificate 14d");
        if (!days.matches("[0-9]{1,4}d")) {
          throw new IllegalArgumentException("certificate needs a number of days like 14d, was \"" + days + "\"");
        }
        return HealthRules.certificateValidFor(Duration.ofDays(Long.parseLong(days.substring(0, days.length() - 1))));
      }
      default -> {
        return commonRule(w);
      }
    }
  }

  private static HealthRule<DnsResult> dnsRule(String[] w) {
    if (w[0].equals("answer")) {
      return HealthRules.dnsAnswerContains(String.join(" ", Arrays.copyOfRange(w, 1, w.length)));
    }
    return commonRule(w);
  }

  private static HealthRule<PingResult> pingRule(String[] w) {
    switch (w[0]) {
      case "loss" -> {
        double degraded = number(argument(w, 1, "loss 20"));
        return w.length > 2 ? HealthRules.lossBelow(degraded, number(w[2])) : HealthRules.lossBelow(degraded);
      }
      case "rtt" -> {
        return HealthRules.averageRttBelow(Durations.parse("rtt", argument(w, 1, "rtt 100ms")));
      }
      default -> {
        return commonRule(w);
      }
    }
  }

  private static HealthRule<ListeningSocketsResult> socketsRule(String[] w) {
    switch (w[0]) {
      case "listens" -> {
        return HealthRules.listens(integer("port", argument(w, 1, "listens 8080")));
      }
      case "loopback-only" -> {
        return HealthRules.listensOnLoopbackOnly(integer("port", argument(w, 1, "loopback-only 5432")));
      }
      default -> {
        return commonRule(w);
      }
    }
  }

  private static <R extends ProbeResult> HealthRule<R> commonRule(String[] w) {
    switch (w[0]) {
      case "succeeds" -> {
        return HealthRules.succeeds();
      }
      case "faster-than" -> {
        return HealthRules.fasterThan(Durations.parse("faster-than", argument(w, 1, "faster-than 200ms")));
      }
      default -> throw new IllegalArgumentException("unknown rule \"" + String.join(" ", w) + "\" for this probe");
    }
  }

  private static <R extends ProbeResult, Q extends ProbeRequest<R, Q>> Q timeout(Q request,
      Map<String, String> keys) {
    return keys.containsKey("timeout") ? request.timeout(Durations.parse("timeout", keys.get("timeout"))) : request;
  }

  private static void allowOnly(Map<String, String> keys, String... specific) {
    Set<String> allowed = new HashSet<>(COMMON_KEYS);
    allowed.addAll(Set.of(specific));
    for (String k : keys.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException("unknown key \"" + k + "\"; allowed here: " + new TreeSet<>(allowed));
      }
    }
  }

  private static String require(Map<String, String> keys, String key) {
    String v = keys.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("\"" + key + "\" is missing");
    }
    return v.trim();
  }

  private static String argument(String[] words, int i, String example) {
    if (words.length <= i) {
      throw new IllegalArgumentException("rule \"" + String.join(" ", words) + "\" needs an argument, like \""
          + example + "\"");
    }
    return words[i];
  }

  private static int integer(String what, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a whole number, was \"" + text + "\"", e);
    }
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, was \"" + text + "\"", e);
    }
  }
}
