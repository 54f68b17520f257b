package io.netprobe.examples.health;

import io.netprobe.dns.RecordType;
import io.netprobe.health.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code /probe} module, like a module of blackbox_exporter's configuration: which prober, its timeout and its
 * options. Written in the configuration file as {@code module.<name>.<option>}:
 *
 * <pre>
 * module.http_2xx.prober=http
 * module.http_2xx.timeout=5s
 * module.http_2xx.valid_status_codes=200-299
 * module.http_2xx.method=GET
 * module.icmp.prober=icmp
 * module.icmp.count=5
 * module.dns_example.prober=dns
 * module.dns_example.query_name=example.com
 * </pre>
 *
 * <p>Options by prober — http: {@code valid_status_codes} (codes and ranges, comma-separated; default 200-299),
 * {@code method} (HEAD or GET; default GET), {@code follow_redirects} (default true), {@code insecure_skip_verify},
 * {@code fail_if_ssl}, {@code fail_if_not_ssl}; tcp: none; icmp: {@code count} (default 3), {@code interval}
 * (default 200ms); dns: {@code query_name} (required), {@code query_type} (default A), {@code valid_rcodes} (default
 * NOERROR), {@code transport_protocol} (udp or tcp), {@code recursion_desired} (default true).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the module name used in {@code module=}
 * @param prober which probe it runs
 * @param timeout the longest a probe may take (the scrape timeout header can only shorten it)
 * @param options the prober's options
 */
record ProbeModule(String name, Prober prober, Duration timeout, Map<String, String> options) {

  /** The probers {@code /probe} offers. */
  enum Prober {
    HTTP(Set.of("valid_status_codes", "method", "follow_redirects", "insecure_skip_verify", "fail_if_ssl",
        "fail_if_not_ssl")),
    TCP(Set.of()),
    ICMP(Set.of("count", "interval")),
    DNS(Set.of("query_name", "query_type", "valid_rcodes", "transport_protocol", "recursion_desired"));

    private final Set<String> options;

    Prober(Set<String> options) {
      this.options = options;
    }
  }

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  ProbeModule {
    options = Map.copyOf(options);
  }

  /** The modules available when the configuration names none: blackbox_exporter's usual three. */
  static List<ProbeModule> defaults() {
    return List.of(new ProbeModule("http_2xx", Prober.HTTP, DEFAULT_TIMEOUT, Map.of()),
        new ProbeModule("tcp_connect", Prober.TCP, DEFAULT_TIMEOUT, Map.of()),
        new ProbeModule("icmp", Prober.ICMP, DEFAULT_TIMEOUT, Map.of()));
  }

  /** @throws IllegalArgumentException naming the module and key when the configuration is wrong */
  static ProbeModule parse(String name, Map<String, String> keys) {
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("module name must be 1 to 64 letters, digits, '_', '.' or '-', was \"" + name
          + "\"");
    }
    String proberText = keys.get("prober");
    if (proberText == null) {
      throw new IllegalArgumentException("module." + name + ".prober is missing (http, tcp, icmp or dns)");
    }
    Prober prober;
    try {
      prober = Prober.valueOf(proberText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("module." + name + ".prober must be http, tcp, icmp or dns, was \""
          + proberText + "\"", e);
    }
    Duration timeout = keys.containsKey("timeout")
        ? DurationText.parse("module." + name + ".timeout", keys.get("timeout")) : DEFAULT_TIMEOUT;
    Map<String, String> options = new HashMap<>(keys);
    options.remove("prober");
    options.remove("timeout");
    for (String k : options.keySet()) {
      if (!prober.options.contains(k)) {
        throw new IllegalArgumentException("module." + name + "." + k + " is not an option of the " + proberText
            + " prober; its options: " + new TreeSet<>(prober.options));
      }
    }
    if (prober == Prober.DNS && !options.containsKey("query_name")) {
      throw new IllegalArgumentException("module." + name + ".query_name is missing: a dns module asks its target"
          + " server for one fixed name");
    }
    ProbeModule module = new ProbeModule(name, prober, timeout, options);
    module.validStatusCodes();
    module.option("method").map(m -> m.trim().toUpperCase(Locale.ROOT))
        .filter(m -> !List.of("GET", "HEAD", "OPTIONS").contains(m)).ifPresent(m -> {
          throw new IllegalArgumentException("module." + name + ".method must be GET, HEAD or OPTIONS (a probe sends"
              + " no body), was \"" + m + "\"");
        });
    module.icmpCount();
    module.icmpInterval();
    module.option("query_type").ifPresent(t -> RecordType.of(t.trim()));
    module.option("transport_protocol").map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.equals("udp")
        && !p.equals("tcp")).ifPresent(p -> {
          throw new IllegalArgumentException("module." + name + ".transport_protocol must be udp or tcp, was \"" + p
              + "\"");
        });
    return module;
  }

  Optional<String> option(String key) {
    return Optional.ofNullable(options.get(key));
  }

  boolean flag(String key, boolean fallback) {
    return option(key).map(v -> Boolean.parseBoolean(v.trim())).orElse(fallback);
  }

  /** How many echo requests an icmp module sends: 1 to 100, default 3. */
  int icmpCount() {
    String text = option("count").orElse("3").trim();
    if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 100) {
      throw new IllegalArgumentException("module." + name + ".count must be a whole number from 1 to 100, was \""
          + text + "\"");
    }
    return Integer.parseInt(text);
  }

  /** The time between echo requests of an icmp module; default 200 ms. */
  Duration icmpInterval() {
    return DurationText.parse("module." + name + ".interval", option("interval").orElse("200ms"));
  }

  /** The accepted HTTP status ranges, as {@code [min, max]} pairs. */
  List<int[]> validStatusCodes() {
    List<int[]> ranges = new ArrayList<>();
    for (String part : option("valid_status_codes").orElse("200-299").split(",")) {
      String p = part.trim();
      if (p.matches("[0-9]{3}-[0-9]{3}")) {
        ranges.add(new int[] {Integer.parseInt(p.substring(0, 3)), Integer.parseInt(p.substring(4))});
      } else if (p.matches("[0-9]{3}")) {
        int code = Integer.parseInt(p);
        ranges.add(new int[] {code, code});
      } else {
        throw new IllegalArgumentException("module." + name + ".valid_status_codes must be codes or ranges like"
            + " 200-299,304, was \"" + p + "\"");
      }
    }
    return ranges;
  }
}
