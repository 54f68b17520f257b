package io.netprobe.examples.health;

import io.netprobe.core.Redaction;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.netprobe.ProbeClient;
import io.netprobe.exporter.Exporter;
import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthSnapshot;
import io.netprobe.jackson.NetprobeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service: the JDK's {@link HttpServer} with {@code GET /health} and {@code /health/<check>} (the background
 * checks' last results in Spring Boot Actuator's JSON shape, at once; HTTP 503 when DOWN, 200 otherwise) and
 * {@code GET /metrics} (the service's own metrics), beside an embedded netprobe-exporter ({@link Exporter}) that
 * serves blackbox_exporter's {@code /probe} on its own address with the same {@link ProbeClient}.
 *
 * <p>Thread-safe; {@link #close()} stops both.
 */
final class HealthEndpointServer implements AutoCloseable {
  private static final String ACTUATOR_V3 = "application/vnd.spring-boot.actuator.v3+json";

  private final HttpServer server;
  private final ExecutorService pool;
  private final HealthMonitor monitor;
  private final ServiceMetrics metrics;
  private final Exporter exporter;

  private HealthEndpointServer(EndpointConfig config, ProbeClient client) throws IOException {
    HealthMonitor.Builder b = HealthMonitor.builder();
    config.checks().forEach(b::add);
    this.monitor = b.build();
    this.metrics = new ServiceMetrics(monitor);
    this.exporter = Exporter.start(client, config.exporterFlags(blackboxYml(config)).toArray(String[]::new));
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "health-endpoint-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(config.address(), config.port()), 64);
    server.setExecutor(pool);
    server.createContext("/health", guarded(this::health));
    server.createContext("/metrics", guarded(this::metrics));
  }

  /** The configured blackbox.yml, or the one bundled with the example copied to a file the exporter can re-read. */
  private static Path blackboxYml(EndpointConfig config) throws IOException {
    if (config.exporterConfig().isPresent()) {
      return config.exporterConfig().get();
    }
    Path bundled = Files.createTempFile("health-endpoint-blackbox", ".yml");
    bundled.toFile().deleteOnExit();
    try (var in = HealthEndpointServer.class.getResourceAsStream("/blackbox.yml")) {
      Files.write(bundled, in.readAllBytes());
    }
    return bundled;
  }
  /** Starts the checks and the server. */
  static HealthEndpointServer start(EndpointConfig config, ProbeClient client) throws IOException {
    HealthEndpointServer s = new HealthEndpointServer(config, client);
    s.monitor.start();
    s.server.start();
    return s;
  }

  /** The port it listens on (useful with {@code server.port=0}). */
  int port() {
    return server.getAddress().getPort();
  }

  HealthMonitor monitor() {
    return monitor;
  }

  /** The embedded exporter: {@code exporter().uri().resolve("/probe?module=…&target=…")}. */
  Exporter exporter() {
    return exporter;
  }

  @Override
  public void close() {
    server.stop(0);
    exporter.close();
    monitor.close();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void health(HttpExchange x) throws IOException {
    try (x) {
      if (!isGet(x)) {
        return;
      }
      String path = x.getRequestURI().getPath();
      HealthSnapshot snapshot = monitor.snapshot();
      Object body;
      String status;
      if (path.equals("/health") || path.equals("/health/")) {
        ActuatorHealth h = ActuatorHealth.of(snapshot);
        body = h;
        status = h.status();
      } else {
        Optional<CheckState> check = snapshot.check(path.substring("/health/".length()));
        if (check.isEmpty()) {
          send(x, 404, "text/plain; charset=utf-8", "no such check\n");
          return;
        }
        ActuatorHealth.Component c = ActuatorHealth.component(check.get());
        body = c;
        status = c.status();
      }
      String accept = Optional.ofNullable(x.getRequestHeaders().getFirst("Accept")).orElse("");
      String type = accept.contains(ACTUATOR_V3) ? ACTUATOR_V3 : "application/json";
      send(x, status.equals("DOWN") ? 503 : 200, type, NetprobeJson.toJson(body));
    }
  }

  private void metrics(HttpExchange x) throws IOException {
    try (x) {
      if (isGet(x)) {
        send(x, 200, ServiceMetrics.CONTENT_TYPE, metrics.text());
      }
    }
  }

  /** A handler that answers 500 without details instead of dropping the connection when {@code h} throws. */
  private static HttpHandler guarded(HttpHandler h) {
    return x -> {
      try {
        h.handle(x);
      } catch (RuntimeException e) {
        System.err.println("health-endpoint: " + x.getRequestURI().getPath() + " failed: " + e);
        try (x) {
          send(x, 500, "text/plain; charset=utf-8", "internal error\n");
        } catch (IOException | RuntimeException alreadyAnswered) {
          // the response had started; the client sees a truncated answer
        }
      }
    };
  }

  private static boolean isGet(HttpExchange x) throws IOException {
    if (x.getRequestMethod().equals("GET")) {
      return true;
    }
    x.getResponseHeaders().set("Allow", "GET");
    send(x, 405, "text/plain; charset=utf-8", "only GET\n");
    return false;
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    // every page (metrics, health JSON, errors) leaves through here: one redaction for all of them
    byte[] bytes = Redaction.text(body).getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
