package io.netprobe.spring.autoconfigure;

import io.netprobe.core.ProbeRunner;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.config.CheckDefinitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks configured under {@code netprobe.checks.*}, built by netprobe-health's check definitions (so every
 * mistake fails start-up with a {@code CheckDefinitionException} naming the key), and the runner they probe through.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetprobeChecks {
  /** The prefix check keys are named with in errors. */
  public static final String PREFIX = NetprobeProperties.PREFIX + ".checks";

  private final ProbeRunner runner;
  private final Map<String, Configured> checks;

  /** One configured check: the check, its probe type and its target as written (empty for sockets checks). */
  public record Configured(HealthCheck<?> check, String probe, Optional<String> target) {}

  /**
   * Builds every check of {@code properties}, in name order.
   *
   * @throws io.netprobe.health.config.CheckDefinitionException for the first mistake, naming its key
   */
  public NetprobeChecks(NetprobeProperties properties, ProbeRunner runner) {
    this.runner = runner;
    CheckDefinitions definitions = CheckDefinitions.using(runner).prefix(PREFIX);
    Map<String, Configured> built = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(properties.getChecks().keySet());
    Collections.sort(names);
    for (String name : names) {
      NetprobeProperties.Check c = properties.getChecks().get(name);
      HealthCheck<?> check = definitions.check(name, c.toKeys());
      built.put(name, new Configured(check, String.valueOf(c.getProbe()).trim().toLowerCase(java.util.Locale.ROOT),
          Optional.ofNullable(c.getTarget()).map(String::trim).filter(t -> !t.isEmpty())));
    }
    this.checks = Collections.unmodifiableMap(built);
  }

  /** The runner checks probe through: the {@code ProbeClient}, possibly wrapped for metrics and tracing. */
  public ProbeRunner runner() {
    return runner;
  }

  /** Every configured check by name, in name order. */
  public Map<String, Configured> all() {
    return checks;
  }

  /** One configured check. */
  public Optional<Configured> get(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  /** A check's interval, for display. */
  static Duration interval(Configured c) {
    return c.check().interval();
  }
}
