package io.netprobe.examples.health;

import io.netprobe.core.Redaction;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.netprobe.ProbeClient;
import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthSnapshot;
import io.netprobe.jackson.NetprobeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service: the JDK's {@link HttpServer} with three endpoints.
 *
 * <ul>
 *   <li>{@code GET /health} and {@code /health/<check>}: the background checks' last results in Spring Boot
 *       Actuator's JSON shape, at once; HTTP 503 when DOWN, 200 otherwise.
 *   <li>{@code GET /probe?target=…&module=…}: a probe in blackbox_exporter's manner (200 with {@code probe_success 0}
 *       when the probe fails; 400 for a missing target or unknown module; 403 for a target not in the allow-list;
 *       429 when the request rate or the number of probes in flight is exceeded); {@code &hostname=h} probes an
 *       IP-address target as the virtual host {@code h} (Host header and SNI); {@code &debug=true} answers with
 *       blackbox's debug page instead: the probe's log (the result as the classic tool prints it and as JSON), the
 *       metrics, and the module.
 *   <li>{@code GET /metrics}: the service's own metrics.
 * </ul>
 *
 * <p>Probes in flight are bounded, and the thread pool keeps spare threads so that {@code /health} and
 * {@code /metrics} answer while probes run. Thread-safe; {@link #close()} stops it.
 */
final class HealthEndpointServer implements AutoCloseable {
  /** blackbox_exporter's {@code --timeout-offset}: taken off the scrape timeout so the answer arrives in time. */
  static final Duration TIMEOUT_OFFSET = Duration.ofMillis(500);
  private static final String ACTUATOR_V3 = "application/vnd.spring-boot.actuator.v3+json";

  private final EndpointConfig config;
  private final HttpServer server;
  private final ExecutorService pool;
  private final HealthMonitor monitor;
  private final BlackboxProber prober;
  private final ServiceMetrics metrics;
  private final RateLimiter rateLimiter;
  private final Semaphore inFlight;

  private HealthEndpointServer(EndpointConfig config, ProbeClient client) throws IOException {
    this.config = config;
    HealthMonitor.Builder b = HealthMonitor.builder();
    config.checks().forEach(b::add);
    this.monitor = b.build();
    this.prober = new BlackboxProber(client);
    this.metrics = new ServiceMetrics(monitor);
    this.rateLimiter = new RateLimiter(config.maxRequestsPerSecond(),
        (int) Math.max(1, Math.ceil(config.maxRequestsPerSecond())), System::nanoTime);
    this.inFlight = new Semaphore(config.maxConcurrent());
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(config.maxConcurrent() + 4, r -> {
      Thread t = new Thread(r, "health-endpoint-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(config.address(), config.port()), 64);
    server.setExecutor(pool);
    server.createContext("/health", guarded(this::health));
    server.createContext("/probe", guarded(this::probe));
    server.createContext("/metrics", guarded(this::metrics));
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

  @Override
  public void close() {
    server.stop(0);
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

  private void probe(HttpExchange x) throws IOException {
    try (x) {
      if (!isGet(x)) {
        return;
      }
      if (!rateLimiter.tryAcquire()) {
        metrics.refused("rate_limited");
        x.getResponseHeaders().set("Retry-After", "1");
        send(x, 429, "text/plain; charset=utf-8", "too many requests: at most " + config.maxRequestsPerSecond()
            + " per second\n");
        return;
      }
      Map<String, String> params = query(x.getRequestURI().getRawQuery());
      String moduleName = params.getOrDefault("module", "http_2xx");
      ProbeModule module = config.modules().get(moduleName);
      if (module == null) {
        metrics.refused("bad_request");
        send(x, 400, "text/plain; charset=utf-8", "Unknown module \"" + moduleName + "\"\n");
        return;
      }
      String target = params.get("target");
      if (target == null || target.isBlank()) {
        metrics.refused("bad_request");
        send(x, 400, "text/plain; charset=utf-8", "Target parameter is missing\n");
        return;
      }
      BlackboxProber.TargetAddress address;
      Optional<BlackboxProber.VirtualHost> virtualHost = Optional.empty();
      try {
        address = prober.address(module, target);
        String hostname = params.get("hostname");
        if (hostname != null && !hostname.isEmpty()) {
          virtualHost = Optional.of(prober.virtualHost(module, target, hostname));
        }
      } catch (IllegalArgumentException e) {
        metrics.refused("bad_request");
        send(x, 400, "text/plain; charset=utf-8", "Invalid target: " + e.getMessage() + "\n");
        return;
      }
      if (!config.allowList().allows(address.host(), address.port())) {
        metrics.refused("forbidden");
        send(x, 403, "text/plain; charset=utf-8", "target is not in probe.allowed-targets\n");
        return;
      }
      if (!inFlight.tryAcquire()) {
        metrics.refused("busy");
        x.getResponseHeaders().set("Retry-After", "1");
        send(x, 429, "text/plain; charset=utf-8", "too many probes in flight: at most " + config.maxConcurrent()
            + "\n");
        return;
      }
      try {
        BlackboxProber.ProbeResponse outcome = prober.probe(module, target, virtualHost, timeout(x, module));
        metrics.probed(module.name(), outcome.success());
        if ("true".equalsIgnoreCase(params.get("debug"))) {
          send(x, 200, "text/plain; charset=utf-8", debugText(outcome, module));
        } else {
          send(x, 200, ProbeMetrics.CONTENT_TYPE, outcome.metrics());
        }
      } finally {
        inFlight.release();
      }
    }
  }

  /** blackbox_exporter's {@code debug=true} page: the probe's log, the metrics, and the module. */
  static String debugText(BlackboxProber.ProbeResponse outcome, ProbeModule module) {
    StringBuilder sb = new StringBuilder("Logs for the probe:\n").append(outcome.log())
        .append("\n\n\nMetrics that would have been returned:\n").append(outcome.metrics())
        .append("\n\n\nModule configuration:\n")
        .append("prober: ").append(module.prober().name().toLowerCase(Locale.ROOT)).append('\n')
        .append("timeout: ").append(module.timeout().toMillis()).append("ms\n");
    new java.util.TreeMap<>(module.options()).forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  private void metrics(HttpExchange x) throws IOException {
    try (x) {
      if (isGet(x)) {
        send(x, 200, ProbeMetrics.CONTENT_TYPE, metrics.text());
      }
    }
  }

  /** The scrape timeout Prometheus announces, less the offset, capped by the module's timeout. */
  static Duration timeout(HttpExchange x, ProbeModule module) {
    String header = x.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds");
    if (header == null) {
      return module.timeout();
    }
    try {
      Duration scrape = Duration.ofNanos(Math.round(Double.parseDouble(header.trim()) * 1e9)).minus(TIMEOUT_OFFSET);
      return scrape.isNegative() || scrape.isZero() || scrape.compareTo(module.timeout()) > 0
          ? module.timeout() : scrape;
    } catch (NumberFormatException e) {
      return module.timeout();
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

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    // every page (metrics, debug log, health JSON, errors) leaves through here: one redaction for all of them
    byte[] bytes = Redaction.text(body).getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
