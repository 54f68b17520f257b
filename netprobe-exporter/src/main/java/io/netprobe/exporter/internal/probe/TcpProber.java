package io.netprobe.exporter.internal.probe;

import io.netprobe.sockets.TcpConnectResult;
import java.util.concurrent.CompletableFuture;

/** blackbox's tcp prober (connect only; query_response and TLS are reported unsupported). Thread-safe. */
final class TcpProber {
  private TcpProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    // 0.23 registers it before dialling: 0 on a failed connect
    c.metrics().gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex", 0);
    Targets.HostPort hp = Targets.hostPort(c.target(), true);
    return Resolve.address(c, hp.host(), c.module().tcp().ip()).thenCompose(address -> {
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(Verdict.failed("NAME_NOT_FOUND"));
      }
      c.log().info("Dialing TCP without TLS");
      return c.client().tcp(address.get().getHostAddress(), hp.port()).timeout(c.timeout()).runAsync()
          .thenApply(r -> judge(c, r));
    });
  }

  private static Verdict judge(ProbeContext c, TcpConnectResult r) {
    r.connectTime().ifPresent(t -> c.metrics().seconds("probe_tcp_connect_duration_seconds",
        "Time taken by the TCP handshake (netprobe)", t));
    if (r.failure().isPresent()) {
      c.log().error("Error dialing TCP err=\"" + r.failure().get().message() + "\"");
    } else {
      c.log().info("Successfully dialed");
    }
    return Verdict.of(r);
  }
}
