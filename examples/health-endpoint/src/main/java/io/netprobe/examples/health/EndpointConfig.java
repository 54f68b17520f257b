package io.netprobe.examples.health;

import io.netprobe.Host;
import io.netprobe.ProbeClient;
import io.netprobe.health.HealthCheck;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * check.&lt;name&gt;.*                   # see {@link CheckFactory}
 * module.&lt;name&gt;.*                  # see {@link ProbeModule}
 * </pre>
 *
 * <p>Unknown top-level keys are errors, so a typo does not silently drop a check. Immutable and thread-safe.
 */
record EndpointConfig(InetAddress address, int port, TargetAllowList allowList, double maxRequestsPerSecond,
    int maxConcurrent, List<HealthCheck<?>> checks, Map<String, ProbeModule> modules) {

  EndpointConfig {
    checks = List.copyOf(checks);
    modules = Map.copyOf(modules);
  }

  /** @throws IllegalArgumentException naming the key when the file is wrong */
  static EndpointConfig load(Path file, ProbeClient client) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> all = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k).trim()));
    return parse(all, client);
  }

  static EndpointConfig parse(Map<String, String> all, ProbeClient client) {
    Map<String, Map<String, String>> checkKeys = new LinkedHashMap<>();
    Map<String, Map<String, String>> moduleKeys = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(all).entrySet()) {
      String key = e.getKey();
      if (key.startsWith("check.") || key.startsWith("module.")) {
        String[] parts = key.split("\\.", 3);
        if (parts.length != 3) {
          throw new IllegalArgumentException(key + ": expected " + parts[0] + ".<name>.<key>");
        }
        (parts[0].equals("check") ? checkKeys : moduleKeys).computeIfAbsent(parts[1], n -> new LinkedHashMap<>())
            .put(parts[2], e.getValue());
      } else if (!List.of("server.address", "server.port", "probe.allowed-targets", "probe.max-requests-per-second",
          "probe.max-concurrent").contains(key)) {
        throw new IllegalArgumentException("unknown configuration key \"" + key + "\"");
      }
    }
    List<HealthCheck<?>> checks = new ArrayList<>();
    checkKeys.forEach((name, keys) -> checks.add(CheckFactory.create(name, keys, client)));
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
