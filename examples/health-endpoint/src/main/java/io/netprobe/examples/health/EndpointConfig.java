package io.netprobe.examples.health;

import io.netprobe.ProbeClient;
import io.netprobe.core.Host;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.config.CheckDefinitions;
import io.netprobe.health.config.ConfigSource;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The service's configuration, read from a properties file:
 *
 * <pre>
 * server.address=127.0.0.1                # /health and /metrics; default: loopback only
 * server.port=8080                        # 0 picks a free port
 * exporter.config-file=blackbox.yml       # blackbox_exporter's file; default: the one bundled with the example
 * exporter.listen-address=127.0.0.1:9115  # where the embedded netprobe-exporter serves /probe
 * exporter.allowed-targets=127.0.0.1, localhost:8080
 * exporter.max-concurrent=4               # probes in flight at once; beyond it 503
 * check.&lt;name&gt;.*                         # netprobe-health's format: see {@link CheckDefinitions}
 * </pre>
 *
 * <p>Unknown top-level keys are errors, so a typo does not silently drop a check; errors in a file name its line.
 * Immutable and thread-safe.
 *
 * @param address where /health and /metrics listen
 * @param port their port
 * @param exporterConfig blackbox.yml for the embedded exporter, empty for the bundled one
 * @param exporterListen the exporter's {@code --web.listen-address}
 * @param allowedTargets the exporter's {@code --probe.allowed-targets}; empty allows none
 * @param maxConcurrent the exporter's {@code --probe.max-concurrent}
 * @param checks the background health checks
 */
record EndpointConfig(InetAddress address, int port, Optional<Path> exporterConfig, String exporterListen,
    String allowedTargets, int maxConcurrent, List<HealthCheck<?>> checks) {
  private static final List<String> KEYS = List.of("server.address", "server.port", "exporter.config-file",
      "exporter.listen-address", "exporter.allowed-targets", "exporter.max-concurrent");

  EndpointConfig {
    checks = List.copyOf(checks);
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
    for (String key : all.keySet()) {
      if (!key.startsWith(CheckDefinitions.DEFAULT_PREFIX + ".") && !KEYS.contains(key)) {
        throw new IllegalArgumentException(at(source, key) + "unknown configuration key \"" + key + "\"");
      }
    }
    List<HealthCheck<?>> checks = CheckDefinitions.using(client).parse(source);
    InetAddress address = Host.of(all.getOrDefault("server.address", "127.0.0.1")).literal().orElseThrow(() ->
        new IllegalArgumentException("server.address must be an IP address, was \"" + all.get("server.address")
            + "\""));
    int port = integer(all, "server.port", 8080, 0, 65535);
    int concurrent = integer(all, "exporter.max-concurrent", 4, 1, 4096);
    return new EndpointConfig(address, port, Optional.ofNullable(all.get("exporter.config-file")).map(Path::of),
        all.getOrDefault("exporter.listen-address", "127.0.0.1:9115"), all.getOrDefault("exporter.allowed-targets",
        ""), concurrent, checks);
  }

  /** blackbox_exporter's flags for the embedded exporter, with {@code config} as its file. */
  List<String> exporterFlags(Path config) {
    List<String> flags = new ArrayList<>(List.of("--config.file=" + config,
        "--web.listen-address=" + exporterListen, "--probe.max-concurrent=" + maxConcurrent, "--log.level=warn"));
    // an exporter that may probe anything is an open proxy: without a list, only this machine
    flags.add("--probe.allowed-targets=" + (allowedTargets.isBlank() ? "127.0.0.1,::1,localhost" : allowedTargets));
    return flags;
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
