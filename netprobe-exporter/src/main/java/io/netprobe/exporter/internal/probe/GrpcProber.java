package io.netprobe.exporter.internal.probe;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.exporter.internal.config.GrpcOptions;
import io.netprobe.grpc.GrpcHealthRequest;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcServingStatus;
import java.util.concurrent.CompletableFuture;

/**
 * blackbox's grpc prober on netprobe's gRPC health check: {@code probe_grpc_duration_seconds{phase}} (resolve,
 * check), {@code probe_grpc_healthcheck_response{serving_status}}, {@code probe_grpc_status_code},
 * {@code probe_grpc_ssl}. Stateless and thread-safe.
 */
final class GrpcProber {
  static final String DURATION = "probe_grpc_duration_seconds";
  private static final String DURATION_HELP = "Duration of gRPC request by phase";
  private static final String SSL = "probe_grpc_ssl";
  private static final String SSL_HELP = "Indicates if SSL was used for the connection";
  private static final String CODE = "probe_grpc_status_code";
  private static final String CODE_HELP = "Response gRPC status code";
  private static final String RESPONSE = "probe_grpc_healthcheck_response";
  private static final String RESPONSE_HELP = "Response HealthCheck response";

  private GrpcProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    GrpcOptions g = c.module().grpc();
    MetricSet m = c.metrics();
    m.gauge(DURATION, DURATION_HELP, 0, "phase", "resolve");
    m.gauge(SSL, SSL_HELP, 0);
    m.gauge(CODE, CODE_HELP, 0);
    // registered by 0.23 in every case; set only over TLS, which netprobe's gRPC result does not describe
    m.gauge("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime", 0);
    String target = c.target();
    boolean tls = g.tls();
    if (target.startsWith("https://")) {
      tls = true;
      target = target.substring("https://".length());
    } else if (target.startsWith("http://")) {
      target = target.substring("http://".length());
    }
    Targets.HostPort hp = Targets.hostPort(target.replaceAll("/.*$", ""), true);
    boolean useTls = tls;
    return Resolve.address(c, hp.host(), g.ip()).thenCompose(address -> {
      m.add(DURATION, DURATION_HELP, m.value("probe_dns_lookup_time_seconds"), "phase", "resolve");
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(address.failed());
      }
      GrpcHealthRequest r = c.client().grpcHealth(address.get().getHostAddress(), hp.port()).service(g.service())
          .timeout(c.timeout());
      if (useTls) {
        r = TlsFiles.ca(g.tlsConfig()).isPresent() ? r.tls(TlsFiles.ca(g.tlsConfig()).get()) : r.tls();
        // blackbox verifies the target's host (or server_name), not the address dialled
        String name = g.tlsConfig().serverName().orElse(hp.host());
        if (!Host.of(name).isLiteral()) {
          r = r.authority(name);
        }
        if (g.tlsConfig().insecureSkipVerify()) {
          r = r.insecure();
        }
        if (g.tlsConfig().clientCertificate()) {
          r = r.clientCertificate(TlsFiles.cert(g.tlsConfig()).orElseThrow(), TlsFiles.key(g.tlsConfig())
              .orElseThrow());
        }
        if (g.tlsConfig().minVersion().isPresent() || g.tlsConfig().maxVersion().isPresent()) {
          try {
            r = r.tlsVersions(g.tlsConfig().minVersion().map(HttpExtras::version).orElse(null),
                g.tlsConfig().maxVersion().map(HttpExtras::version).orElse(null));
          } catch (IllegalArgumentException e) {
            c.log().error("Error creating gRPC TLS configuration err=\"" + e.getMessage() + "\"");
            return CompletableFuture.completedFuture(Verdict.failed("INVALID_REQUEST"));
          }
        }
      }
      try {
        for (java.util.Map.Entry<String, java.util.List<String>> e : g.metadata().entrySet()) {
          for (String value : e.getValue()) {
            r = r.metadata(e.getKey(), value);
          }
        }
      } catch (IllegalArgumentException e) {
        c.log().error("Invalid gRPC metadata err=\"" + e.getMessage() + "\"");
        return CompletableFuture.completedFuture(Verdict.failed("INVALID_REQUEST"));
      }
      if (g.ip().sourceAddress().isPresent()) {
        try {
          r = r.sourceAddress(g.ip().sourceAddress().get());
        } catch (IllegalArgumentException e) {
          c.log().error("Error parsing source ip address srcIP=" + g.ip().sourceAddress().get());
          return CompletableFuture.completedFuture(Verdict.failed("INVALID_REQUEST"));
        }
      }
      long t0 = System.nanoTime();
      c.log().info("Checking gRPC health service=\"" + g.service() + "\" tls=" + useTls);
      return r.runAsync().thenApply(res -> judge(c, res, useTls, (System.nanoTime() - t0) / 1e9));
    });
  }

  private static Verdict judge(ProbeContext c, GrpcHealthResult r, boolean tls, double seconds) {
    MetricSet m = c.metrics();
    m.gauge(DURATION, DURATION_HELP, seconds, "phase", "check");
    for (GrpcServingStatus s : GrpcServingStatus.values()) {
      m.gauge(RESPONSE, RESPONSE_HELP, r.servingStatus().filter(s::equals).isPresent() ? 1 : 0,
          "serving_status", s.name());
    }
    // a peer answered over TLS when the RPC got further than connecting
    boolean answered = r.servingStatus().isPresent() || r.grpcStatusCode().filter(code -> code != 14 && code != 4)
        .isPresent();
    m.gauge(SSL, SSL_HELP, tls && answered ? 1 : 0);
    m.gauge(CODE, CODE_HELP, r.grpcStatusCode().orElse(r.failure().map(f -> f.kind() == FailureKind.TIMEOUT ? 4 : 14)
        .orElse(0)));
    if (r.failure().isPresent()) {
      c.log().error("Error checking gRPC health err=\"" + r.failure().get().message() + "\"");
    } else {
      c.log().info("gRPC health check succeeded serving_status=" + r.servingStatus().get());
    }
    return Verdict.of(r);
  }
}
