package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.exporter.internal.config.ModuleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The blackbox options a module sets that netprobe's library cannot honour yet, by their blackbox.yml path. A probe
 * of such a module fails with {@code probe_failure_info{kind="UNSUPPORTED_OPTION"}} and a log line naming each
 * option, instead of silently probing something else. Wiring an option later means deleting its line here and
 * using it in the prober. Stateless and thread-safe.
 */
public final class Unsupported {
  private Unsupported() {}

  /** The options of {@code m}'s own prober block that cannot be honoured, as {@code block.key (why)}. */
  public static List<String> of(ModuleConfig m) {
    List<String> out = new ArrayList<>();
    if (m.prober() == io.netprobe.exporter.internal.config.Prober.HTTP) {
      http(m.http(), out);
    }
    return out;
  }

  private static void http(HttpOptions h, List<String> out) {
    if (h.enableHttp3()) {
      out.add("http.enable_http3 (netprobe's HTTP backend has no HTTP/3: OkHttp has none, the JDK's client gains it "
          + "in JDK 26, and Netty 4.2's HTTP/3 codec would need a backend of its own)");
    }
  }
}
