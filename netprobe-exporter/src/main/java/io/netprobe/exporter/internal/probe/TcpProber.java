package io.netprobe.exporter.internal.probe;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.exporter.internal.config.TcpOptions;
import io.netprobe.exporter.internal.config.TlsConfig;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.ConversationStep;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConversationRequest;
import io.netprobe.sockets.TcpConversationResult;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * blackbox's tcp prober: a connect, or with {@code query_response}, {@code tls} or {@code source_ip_address} a
 * netprobe TCP conversation (blackbox's expect/send/starttls order per item) and the TLS series when TLS was spoken.
 * Stateless and thread-safe.
 */
final class TcpProber {
  private static final String REGEX = "probe_failed_due_to_regex";
  private static final String REGEX_HELP = "Indicates if probe failed due to regex";
  private static final String BYTES = "probe_failed_due_to_bytes";
  private static final String BYTES_HELP = "Indicates if probe failed due to bytes";

  private TcpProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    // 0.23 registers it before dialling: 0 on a failed connect
    c.metrics().gauge(REGEX, REGEX_HELP, 0);
    Targets.HostPort hp = Targets.hostPort(c.target(), true);
    TcpOptions t = c.module().tcp();
    return Resolve.address(c, hp.host(), t.ip()).thenCompose(address -> {
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(address.failed());
      }
      if (t.queryResponse().isEmpty() && !t.tls() && t.ip().sourceAddress().isEmpty()) {
        c.log().info("Dialing TCP without TLS");
        return c.client().tcp(address.get().getHostAddress(), hp.port()).timeout(c.timeout()).runAsync()
            .thenApply(r -> judge(c, r));
      }
      c.log().info(t.tls() ? "Dialing TCP with TLS" : "Dialing TCP without TLS");
      return conversation(c, t, hp, address.get()).runAsync().thenApply(r -> judge(c, t, r));
    });
  }

  private static TcpConversationRequest conversation(ProbeContext c, TcpOptions t, Targets.HostPort hp,
      InetAddress address) {
    TcpConversationRequest r = c.client().tcpConversation(address.getHostAddress(), hp.port()).timeout(c.timeout());
    if (t.ip().sourceAddress().isPresent()) {
      r = r.sourceAddress(t.ip().sourceAddress().get());
    }
    TlsConfig tls = t.tlsConfig();
    boolean anyTls = t.tls() || t.queryResponse().stream().anyMatch(TcpOptions.QueryResponse::starttls);
    if (anyTls) {
      // blackbox verifies the target's host name unless server_name says otherwise
      String name = tls.serverName().orElse(hp.host());
      if (!Host.of(name).isLiteral()) {
        r = r.serverName(name);
      }
      if (tls.insecureSkipVerify()) {
        r = r.insecure();
      }
      if (TlsFiles.ca(tls).isPresent()) {
        r = r.caFile(TlsFiles.ca(tls).get());
      }
      if (tls.clientCertificate()) {
        r = r.clientCertificate(TlsFiles.cert(tls).orElseThrow(), TlsFiles.key(tls).orElseThrow());
      }
      if (tls.minVersion().isPresent() || tls.maxVersion().isPresent()) {
        r = r.tlsVersions(tls.minVersion().map(HttpExtras::version).orElse(null),
            tls.maxVersion().map(HttpExtras::version).orElse(null));
      }
    }
    if (t.tls()) {
      r = r.tls();
    }
    for (TcpOptions.QueryResponse q : t.queryResponse()) {
      if (q.expect().isPresent()) {
        r = r.expect(q.expect().get().pattern());
      }
      if (q.expectBytes().isPresent()) {
        r = r.expectBytes(q.expectBytes().get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      if (q.send().isPresent() && !q.send().get().isEmpty()) {
        r = r.send(q.send().get());
      }
      if (q.starttls()) {
        r = r.startTls();
      }
    }
    return r;
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

  private static Verdict judge(ProbeContext c, TcpOptions t, TcpConversationResult r) {
    for (ConversationRecord s : r.steps()) {
      if (s.ok()) {
        c.log().info("Step ok " + s.describe());
      }
    }
    boolean bytesAsked = t.queryResponse().stream().anyMatch(q -> q.expectBytes().isPresent());
    if (bytesAsked) {
      c.metrics().gauge(BYTES, BYTES_HELP, 0);
    }
    ExpectLabels.record(t, r, c.metrics());
    if (bytesAsked && r.failure().isPresent() && r.failure().get().kind() == FailureKind.ASSERTION_FAILED
        && r.failedStep().map(s -> s.step() instanceof ConversationStep.ExpectBytes).orElse(false)) {
      c.metrics().gauge(BYTES, BYTES_HELP, 1);
      c.log().error("Bytes did not match err=\"" + r.failure().get().message() + "\"");
      return Verdict.failed("FAILED_DUE_TO_BYTES", r);
    }
    r.tls().ifPresent(info -> TlsMetrics.record(info, t.tlsConfig().insecureSkipVerify(), c.metrics()));
    if (r.failure().isPresent()) {
      boolean regex = r.failure().get().kind() == FailureKind.ASSERTION_FAILED
          && r.failedStep().map(s -> s.step() instanceof ConversationStep.Expect).orElse(false);
      if (regex) {
        c.metrics().gauge(REGEX, REGEX_HELP, 1);
        c.log().error("Regexp did not match err=\"" + r.failure().get().message() + "\"");
      } else {
        c.log().error("Error in TCP conversation err=\"" + r.failure().get().message() + "\"");
      }
      return Verdict.of(r);
    }
    c.log().info("Successfully dialed");
    return Verdict.of(r);
  }
}
