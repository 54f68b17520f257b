package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.ModuleConfig;
import java.util.List;

/**
 * The blackbox options a module sets that netprobe's library cannot honour yet, by their blackbox.yml path. A probe
 * of such a module fails with {@code probe_failure_info{kind="UNSUPPORTED_OPTION"}} and a log line naming each
 * option, instead of silently probing something else. Wiring an option later means deleting its line here and
 * using it in the prober. Stateless and thread-safe.
 */
public final class Unsupported {
  private Unsupported() {}

  /**
   * The options of {@code m}'s own prober block that cannot be honoured, as {@code block.key (why)}: none at the
   * moment ({@code enable_http3}, the last one, runs on netprobe-http's HTTP/3 exchanges).
   */
  public static List<String> of(ModuleConfig m) {
    return List.of();
  }
}
