package io.netprobe.exporter.internal.web;

import io.netprobe.exporter.internal.config.GoValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * blackbox_exporter's command-line flags ({@code --flag=value} or {@code --flag value}, as kingpin reads them), plus
 * netprobe's {@code --probe.max-concurrent} and {@code --probe.allowed-targets}. Immutable and thread-safe.
 *
 * @param configFile {@code --config.file}
 * @param configCheck {@code --config.check}: check the file and exit
 * @param timeoutOffset {@code --timeout-offset}, taken off the scrape timeout
 * @param historyLimit {@code --history.limit}
 * @param listenAddresses {@code --web.listen-address}, repeatable
 * @param webConfigFile {@code --web.config.file}
 * @param routePrefix {@code --web.route-prefix}
 * @param logLevel {@code --log.level}
 * @param logFormat {@code --log.format}
 * @param maxConcurrent {@code --probe.max-concurrent}: probes in flight at most; more are refused with 503
 * @param allowedTargets {@code --probe.allowed-targets}: a comma-separated allow-list, empty for any target
 * @param help {@code -h}, {@code --help}
 * @param version {@code --version}
 */
public record Flags(String configFile, boolean configCheck, Duration timeoutOffset, int historyLimit,
    List<String> listenAddresses, Optional<String> webConfigFile, String routePrefix, String logLevel,
    String logFormat, int maxConcurrent, String allowedTargets, boolean help, boolean version) {

  private static final Set<String> VALUED = Set.of("--config.file", "--timeout-offset", "--history.limit",
      "--web.listen-address", "--web.config.file", "--web.route-prefix", "--web.external-url", "--log.level",
      "--log.format", "--probe.max-concurrent", "--probe.allowed-targets", "--log.prober",
      "--config.auto-reload-interval");

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the flag and the rule, for unknown flags and bad values
   */
  public static Flags parse(String... args) {
    String configFile = "blackbox.yml";
    boolean check = false;
    Duration offset = Duration.ofMillis(500);
    int history = 100;
    List<String> listen = new ArrayList<>();
    Optional<String> web = Optional.empty();
    String prefix = "/";
    String level = "info";
    String format = "logfmt";
    int maxConcurrent = 1024;
    String allowed = "";
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String value = null;
      if (VALUED.contains(name)) {
        if (a.contains("=")) {
          value = a.substring(a.indexOf('=') + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("expected argument for flag '" + name + "'");
        }
      }
      switch (name) {
        case "--config.file" -> configFile = value;
        case "--config.check" -> check = true;
        case "--config.enable-auto-reload", "--web.systemd-socket", "--no-config.enable-auto-reload" -> { }
        case "--timeout-offset" -> offset = seconds(name, value);
        case "--history.limit" -> history = number(name, value, 0, 100_000);
        case "--web.listen-address" -> listen.add(value);
        case "--web.config.file" -> web = value.isEmpty() ? Optional.empty() : Optional.of(value);
        case "--web.route-prefix" -> prefix = value.isEmpty() ? "/" : value;
        case "--web.external-url", "--log.prober", "--config.auto-reload-interval" -> { }
        case "--log.level" -> level = oneOf(name, value, Set.of("debug", "info", "warn", "error"));
        case "--log.format" -> format = oneOf(name, value, Set.of("logfmt", "json"));
        case "--probe.max-concurrent" -> maxConcurrent = number(name, value, 1, 1_000_000);
        case "--probe.allowed-targets" -> allowed = value;
        case "-h", "--help" -> help = true;
        case "--version" -> version = true;
        default -> throw new IllegalArgumentException("unknown long flag '" + name + "'");
      }
    }
    if (listen.isEmpty()) {
      listen.add(":9115");
    }
    String normalized = ("/" + prefix.replaceAll("^/+|/+$", "")).replace("//", "/");
    return new Flags(configFile, check, offset, history, List.copyOf(listen), web, normalized, level, format,
        maxConcurrent, allowed, help, version);
  }

  public static String usage() {
    return """
        usage: netprobe-exporter [<flags>]

        A drop-in for Prometheus blackbox_exporter, on netprobe's probes.

        Flags:
          -h, --help                 Show this help.
              --config.file="blackbox.yml"
                                     Blackbox exporter configuration file.
              --config.check         If true validate the config file and then exit.
              --timeout-offset=0.5   Offset to subtract from timeout in seconds.
              --history.limit=100    The maximum amount of items to keep in the history.
              --web.listen-address=:9115 ...
                                     Addresses on which to expose metrics and web interface. Repeatable.
              --web.config.file=""   Path to configuration file that can enable TLS or authentication
                                     (exporter-toolkit's format: tls_server_config, basic_auth_users).
              --web.route-prefix=/   Prefix for the internal routes of web endpoints.
              --log.level=info       Only log messages with the given severity or above: debug, info, warn, error.
              --log.format=logfmt    Output format of log messages: logfmt, json.
              --probe.max-concurrent=1024
                                     Probes in flight at most; more are answered 503 (netprobe).
              --probe.allowed-targets=""
                                     Comma-separated hosts (host or host:port) /probe may reach; empty: any (netprobe).
              --version              Show application version.
        """;
  }

  private static Duration seconds(String name, String value) {
    try {
      double s = Double.parseDouble(value);
      if (s < 0 || Double.isNaN(s) || s > 86_400) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos(Math.round(s * 1e9));
    } catch (NumberFormatException e) {
      try {
        return GoValues.duration(value);
      } catch (IllegalArgumentException e2) {
        throw new IllegalArgumentException(name + " must be seconds like 0.5, was \"" + value + "\"", e2);
      }
    }
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", was \""
          + value + "\"", e);
    }
  }

  private static String oneOf(String name, String value, Set<String> allowed) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(name + " must be one of " + allowed + ", was \"" + value + "\"");
    }
    return v;
  }
}
