package io.netprobe.health.config;

import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeResult;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Health checks written as text: the keys {@code <prefix>.<name>.<key>} of a properties file or of any map of
 * properties become {@link HealthCheck}s that probe through one {@link ProbeClient}.
 *
 * <pre>
 * check.web.probe=http                     # http, dns, tcp, ping or sockets: see {@link ProbeType}
 * check.web.target=https://example.com/    # what to probe; sockets checks have none
 * check.web.expect=status 2xx; certificate 14d   # rules that must all hold: see {@link RuleText}
 * check.web.interval=30s                   # how often it runs (default 30s, at least 100ms)
 * check.web.timeout=5s                     # the probe's deadline (default: the client's)
 * check.web.follow-redirects=true          # an option of http checks
 * </pre>
 *
 * <p>Options by probe type — http: {@code method} (HEAD, GET or OPTIONS), {@code follow-redirects} and
 * {@code insecure} ({@code true} or {@code false}); dns: {@code type} (A, AAAA, MX, …), {@code server} ({@code host}
 * or {@code host:port}, port 53 by default); ping: {@code count}, {@code ping-interval}; sockets: {@code protocol}
 * ({@code tcp}, the default, or {@code udp}). Durations are written as {@link DurationText} reads them. A blank (or
 * null) value counts as absent; {@code expect} absent means the type's {@link ProbeType#defaultExpect() default}.
 * Check names are as {@link HealthCheck#of} allows them (1 to 64 letters, digits, {@code .}, {@code _} or
 * {@code -}; no dot under a prefix); checks come out ordered by name.
 *
 * <pre>{@code
 * CheckDefinitions definitions = CheckDefinitions.using(Probes.defaultClient());
 * List<HealthCheck<?>> fromFile = definitions.parse(ConfigSource.read(Path.of("health.properties")));
 * HealthCheck<?> one = definitions.check("db", Map.of("probe", "tcp", "target", "db.internal:5432"));
 * List<HealthCheck<?>> spring = definitions.prefix("netprobe.health.checks").parse(environmentProperties);
 * }</pre>
 *
 * <p>Every mistake is a {@link CheckDefinitionException} naming the line (from a file), the full key, the rule of
 * {@code expect} when one is wrong, and what is allowed; nothing unknown is silently ignored. Keys outside the
 * prefix are left to the caller.
 *
 * <p>Immutable and thread-safe.
 */
public final class CheckDefinitions {
  /** The prefix unless {@link #prefix(String)} says otherwise: keys are {@code check.<name>.<key>}. */
  public static final String DEFAULT_PREFIX = "check";

  private final ProbeRunner client;
  private final String prefix;

  private CheckDefinitions(ProbeRunner client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  /**
   * Definitions whose checks probe through {@code client}, read under {@value #DEFAULT_PREFIX}. Any
   * {@link ProbeRunner} will do: a {@link ProbeClient}, or a runner that wraps one (metrics, tracing).
   */
  public static CheckDefinitions using(ProbeRunner client) {
    return new CheckDefinitions(Objects.requireNonNull(client, "client"), DEFAULT_PREFIX);
  }

  /**
   * The same definitions, read under {@code prefix} ({@code netprobe.health.checks} reads
   * {@code netprobe.health.checks.<name>.<key>}); errors name keys with it.
   *
   * @throws IllegalArgumentException when the prefix is empty, or starts or ends with a dot
   */
  public CheckDefinitions prefix(String prefix) {
    if (prefix == null || !prefix.matches("[^.\\s]+(\\.[^.\\s]+)*")) {
      throw new IllegalArgumentException("prefix must be dot-separated words like \"check\" or"
          + " \"netprobe.health.checks\", was \"" + prefix + "\"");
    }
    return new CheckDefinitions(client, prefix);
  }

  /** The prefix keys are read under. */
  public String prefix() {
    return prefix;
  }

  /**
   * Every check defined under the prefix, ordered by name.
   *
   * @throws CheckDefinitionException for the first mistake found
   */
  public List<HealthCheck<?>> parse(ConfigSource source) {
    Map<String, Map<String, String>> byName = new TreeMap<>();
    String start = prefix + ".";
    for (Map.Entry<String, String> e : source.values().entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(start)) {
        continue;
      }
      String rest = key.substring(start.length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || dot == rest.length() - 1) {
        throw CheckDefinitionException.ofKey(key, source.line(key), "expected " + prefix + ".<name>.<key>");
      }
      byName.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(rest.substring(dot + 1),
          e.getValue());
    }
    List<HealthCheck<?>> checks = new ArrayList<>();
    byName.forEach((name, keys) -> checks.add(build(new CheckKeys(prefix, name, keys, source::line))));
    return checks;
  }

  /** As {@link #parse(ConfigSource)}, from keys and values without line numbers. */
  public List<HealthCheck<?>> parse(Map<String, String> properties) {
    return parse(ConfigSource.of(properties));
  }

  /**
   * One check from its own keys, without the prefix and name: {@code probe}, {@code target}, {@code expect}, …
   * (what a configuration binder produces for {@code <prefix>.<name>.*}).
   *
   * @throws CheckDefinitionException for the first mistake found
   */
  public HealthCheck<?> check(String name, Map<String, String> keys) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keys, "keys");
    return build(new CheckKeys(prefix, name, keys, key -> OptionalInt.empty()));
  }

  private HealthCheck<?> build(CheckKeys k) {
    String types = "the probe type: " + String.join(", ", ProbeType.all().stream().map(ProbeType::name).toList());
    k.require("probe", types);
    return build(k.value("probe", ProbeType::of), k);
  }

  private <R extends ProbeResult> HealthCheck<R> build(ProbeType<R> type, CheckKeys k) {
    k.allowOnly(type);
    type.targetDescription().ifPresent(what -> k.require("target", what));
    ProbeRequest<R, ?> request = type.request(k, client);
    if (k.has("timeout")) {
      ProbeRequest<R, ?> untimed = request;
      request = k.value("timeout", v -> untimed.timeout(DurationText.parse("timeout", v)));
    }
    HealthRule<R> rule = k.has("expect") ? k.value("expect", v -> RuleText.parse(type, v))
        : RuleText.parse(type, type.defaultExpect());
    HealthCheck<R> check;
    try {
      check = HealthCheck.of(k.name(), request, rule);
    } catch (IllegalArgumentException e) {
      throw k.atSelf(e);
    }
    if (k.has("interval")) {
      HealthCheck<R> unscheduled = check;
      check = k.value("interval", v -> unscheduled.every(DurationText.parse("interval", v)));
    }
    return check;
  }

  @Override
  public String toString() {
    return "CheckDefinitions[" + prefix + ".<name>.<key>, " + client + "]";
  }
}
