package io.netprobe.examples.health;

import io.netprobe.core.Host;
import io.netprobe.ProbeClient;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.config.CheckDefinitions;
import io.netprobe.health.config.ConfigSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service's configuration, read from a properties file:
 *
 * <pre>
 * server.address=127.0.0.1          # default: loopback only
 * server.port=9115                  # 0 picks a free port
 * probe.allowed-targets=127.0.0.1, localhost:8080
 * probe.max-requests-per-second=10  # beyond it /probe answers 429
 * probe.max-concurrent=4            # probes in flight at once; beyond it 429
 * check.&lt;name&gt;.*                   # netprobe-health's format: see {@link CheckDefinitions}
 * module.&lt;name&gt;.*                  # see {@link ProbeModule}
 * </pre>
 *
 * <p>Unknown top-level keys are errors, so a typo does not silently drop a check; errors in a file name its line.
 * Immutable and thread-safe.
 */
record EndpointConfig(InetAddress address, int port, TargetAllowList allowList, double maxRequestsPerSecond,
    int maxConcurrent, List<HealthCheck<?>> checks, Map<String, ProbeModule> modules) {
  private static final List<String> KEYS = List.of("server.address", "server.port", "probe.allowed-targets",
      "probe.max-requests-per-second", "probe.max-concurrent");

  EndpointConfig {
    checks = List.copyOf(checks);
    modules = Map.copyOf(modules);
  }

  /** @throws IllegalArgumentException naming the line and key when the file is wrong */
  static EndpointConfig load(Path file, ProbeClient client) throws IOException {
    return parse(ConfigSource.read(file), client);
  }

  static EndpointConfig parse(Map<String, String> all, ProbeClient client) {
    return parse(ConfigSource.of(all), client);
  }

  static EndpointConfig parse(ConfigSource source, ProbeClient client) {
    Map<String, String> all = new TreeMap<>();
    source.values().forEach((k, v) -> all.put(k, v.trim()));
    Map<String, Map<String, String>> moduleKeys = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("module.")) {
        String[] parts = key.split("\\.", 3);
        if (parts.length != 3) {
          throw new IllegalArgumentException(at(source, key) + key + ": expected module.<name>.<key>");
        }
        moduleKeys.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2], e.getValue());
      } else if (!key.startsWith(CheckDefinitions.DEFAULT_PREFIX + ".") && !KEYS.contains(key)) {
        throw new IllegalArgumentException(at(source, key) + "unknown configuration key \"" + key + "\"");
      }
    }
    List<HealthCheck<?>> checks = CheckDefinitions.using(client).parse(source);
    Map<String, ProbeModule> modules = new LinkedHashMap<>();
    if (moduleKeys.isEmpty()) {
      ProbeModule.defaults().forEach(m -> modules.put(m.name(), m));
    }
    moduleKeys.forEach((name, keys) -> modules.put(name, ProbeModule.parse(name, keys)));

    InetAddress address = Host.of(all.getOrDefault("server.address", "127.0.0.1")).literal().orElseThrow(() ->
        new IllegalArgumentException("server.address must be an IP address, was \"" + all.get("server.address")
            + "\""));
    int port = integer(all, "server.port", 9115, 0, 65535);
    double rate = Double.parseDouble(all.getOrDefault("probe.max-requests-per-second", "10"));
    if (!(rate > 0)) {
      throw new IllegalArgumentException("probe.max-requests-per-second must be positive, was " + rate);
    }
    int concurrent = integer(all, "probe.max-concurrent", 4, 1, 256);
    return new EndpointConfig(address, port, TargetAllowList.parse(all.getOrDefault("probe.allowed-targets", "")),
        rate, concurrent, checks, modules);
  }

  private static String at(ConfigSource source, String key) {
    return source.line(key).stream().mapToObj(l -> "line " + l + ": ").findFirst().orElse("");
  }

  private static int integer(Map<String, String> all, String key, int fallback, int min, int max) {
    String text = all.get(key);
    if (text == null) {
      return fallback;
    }
    int v;
    try {
      v = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was \"" + text + "\"", e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + v);
    }
    return v;
  }
}
