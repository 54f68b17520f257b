package io.netprobe.exporter.internal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.netprobe.ProbeClient;
import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ConfigException;
import io.netprobe.exporter.internal.probe.ModuleProber;
import io.netprobe.exporter.internal.probe.Unsupported;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The exporter: blackbox's endpoints on the JDK's HTTP(S) server, one per {@code --web.listen-address}, behind the
 * web config's TLS and basic auth. Thread-safe; {@link #close()} stops it.
 */
public final class ExporterServer implements AutoCloseable {
  private final Flags flags;
  private final Log log;
  private final AtomicReference<BlackboxConfig> config;
  private final AtomicReference<WebConfig> web;
  private final ExporterMetrics metrics;
  private final History history;
  private final ProbeHandler probes;
  private final ExecutorService httpThreads;
  private final ExecutorService lookups;
  private final List<HttpServer> servers = new ArrayList<>();

  private ExporterServer(Flags flags, BlackboxConfig config, WebConfig web, ProbeClient client, Log log,
      String version) {
    this.flags = flags;
    this.log = log;
    this.config = new AtomicReference<>(config);
    this.web = new AtomicReference<>(web);
    this.metrics = new ExporterMetrics(version);
    this.history = new History(flags.historyLimit());
    this.httpThreads = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
        daemons("exporter-http"));
    this.lookups = Executors.newFixedThreadPool(16, daemons("exporter-lookup"));
    this.probes = new ProbeHandler(this.config::get, new ModuleProber(client, lookups), flags, history, metrics, log);
  }

  /**
   * Loads the configuration files and listens on every address.
   *
   * @throws ConfigException when blackbox.yml or the web config is unusable
   * @throws IOException when an address cannot be bound
   * @throws GeneralSecurityException when the TLS certificate or key cannot be used
   */
  public static ExporterServer start(Flags flags, ProbeClient client, Log log, String version)
      throws ConfigException, IOException, GeneralSecurityException {
    // without TCP_NODELAY the JDK server's small responses wait for the client's delayed ACK: about 40 ms per
    // request on a kept-alive connection (read once, when the server classes load: before the first server)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    BlackboxConfig config = BlackboxConfig.load(Path.of(flags.configFile()));
    log.info("Loaded config file", "file", flags.configFile(), "modules", String.valueOf(config.modules().size()));
    warnUnsupported(config, log);
    WebConfig web = flags.webConfigFile().isPresent() ? WebConfig.load(Path.of(flags.webConfigFile().get()))
        : WebConfig.NONE;
    ExporterServer s = new ExporterServer(flags, config, web, client, log, version);
    try {
      SSLContext tls = web.tls() ? Pem.serverContext(web.certFile().get(), web.keyFile().get()) : null;
      for (String address : flags.listenAddresses()) {
        s.listen(address, tls, web);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void listen(String address, SSLContext tls, WebConfig web) throws IOException {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IOException("listen address \"" + address + "\" needs a port, like :9115 or 127.0.0.1:9115");
    }
    String host = address.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port = Integer.parseInt(address.substring(colon + 1));
    InetSocketAddress bind = host.isEmpty() ? new InetSocketAddress(port)
        : new InetSocketAddress(InetAddress.getByName(host), port);
    HttpServer server;
    if (tls != null) {
      HttpsServer https = HttpsServer.create(bind, 1024);
      https.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters p) {
          SSLParameters params = tls.getDefaultSSLParameters();
          params.setProtocols(protocols(web.minVersion(), web.maxVersion()));
          p.setSSLParameters(params);
        }
      });
      server = https;
    } else {
      server = HttpServer.create(bind, 1024);
    }
    server.setExecutor(httpThreads);
    server.createContext(flags.routePrefix(), this::route);
    server.start();
    servers.add(server);
    log.info("Listening on address", "address", server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort(), "tls", String.valueOf(tls != null));
  }

  private static String[] protocols(String min, String max) {
    List<String> out = new ArrayList<>();
    for (String v : List.of("TLS10", "TLS11", "TLS12", "TLS13")) {
      if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
        out.add("TLSv1" + (v.equals("TLS10") ? "" : "." + v.charAt(4)));
      }
    }
    return out.toArray(String[]::new);
  }

  /** Whether the endpoints are served over TLS (a web config's {@code tls_server_config}). */
  public boolean tls() {
    return web.get().tls();
  }

  /** The bound addresses, in the order of {@code --web.listen-address}. */
  public List<InetSocketAddress> addresses() {
    return servers.stream().map(HttpServer::getAddress).toList();
  }

  /** Re-reads blackbox.yml (and the web config's users and headers); a bad file keeps the old one and says why. */
  public boolean reload() {
    try {
      BlackboxConfig c = BlackboxConfig.load(Path.of(flags.configFile()));
      if (flags.webConfigFile().isPresent()) {
        web.set(WebConfig.load(Path.of(flags.webConfigFile().get())));
      }
      config.set(c);
      warnUnsupported(c, log);
      metrics.reloaded(true);
      log.info("Reloaded config file", "file", flags.configFile());
      return true;
    } catch (ConfigException e) {
      metrics.reloaded(false);
      log.error("Error reloading config", "err", e.getMessage());
      lastReloadError.set(e.getMessage());
      return false;
    }
  }

  private final AtomicReference<String> lastReloadError = new AtomicReference<>("");

  /** Says at load time which modules will fail every probe because of options not honoured yet. */
  private static void warnUnsupported(BlackboxConfig c, Log log) {
    c.modules().values().forEach(m -> {
      List<String> options = Unsupported.of(m);
      if (!options.isEmpty()) {
        log.warn("Module sets options netprobe-exporter cannot honour yet; its probes fail with "
            + "probe_failure_info{kind=\"UNSUPPORTED_OPTION\"}", "module", m.name(), "options",
            String.join("; ", options));
      }
    });
  }

  private void route(HttpExchange x) {
    try {
      WebConfig w = web.get();
      w.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
      if (!w.users().isEmpty() && !authorized(x, w)) {
        x.getResponseHeaders().set("WWW-Authenticate", "Basic");
        Http.send(x, 401, Http.TEXT, "Unauthorized\n");
        return;
      }
      String path = x.getRequestURI().getPath();
      String prefix = flags.routePrefix().equals("/") ? "" : flags.routePrefix();
      String local = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
      switch (local.isEmpty() ? "/" : local) {
        case "/probe" -> probes.handle(x);
        case "/metrics" -> Http.send(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
        case "/-/healthy" -> Http.send(x, 200, Http.TEXT, "Healthy");
        case "/-/ready" -> Http.send(x, 200, Http.TEXT, "Ready");
        case "/-/reload" -> reload(x);
        case "/config" -> Http.send(x, 200, Http.TEXT, ConfigPage.render(config.get()));
        case "/logs" -> logs(x);
        case "/" -> Http.send(x, 200, "text/html; charset=utf-8", Pages.index(history.newestFirst(), prefix));
        default -> Http.send(x, 404, Http.TEXT, "404 page not found\n");
      }
    } catch (RuntimeException e) {
      log.error("Request failed", "path", x.getRequestURI().getPath(), "err", e.toString());
      Http.send(x, 500, Http.TEXT, "internal error\n");
    }
  }

  private void reload(HttpExchange x) {
    if (!x.getRequestMethod().equals("POST")) {
      Http.send(x, 405, Http.TEXT, "This endpoint requires a POST request.\n");
      return;
    }
    if (reload()) {
      Http.send(x, 200, Http.TEXT, "");
    } else {
      Http.send(x, 500, Http.TEXT, "failed to reload config: " + lastReloadError.get() + "\n");
    }
  }

  private void logs(HttpExchange x) {
    Map<String, String> q = Http.query(x);
    long id;
    try {
      id = Long.parseLong(q.getOrDefault("id", ""));
    } catch (NumberFormatException e) {
      Http.send(x, 500, Http.TEXT, "Invalid probe id\n");
      return;
    }
    history.get(id).ifPresentOrElse(e -> Http.send(x, 200, Http.TEXT, e.debug()),
        () -> Http.send(x, 404, Http.TEXT, "Probe id not found\n"));
  }

  private static boolean authorized(HttpExchange x, WebConfig w) {
    String h = x.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon >= 0 && w.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    httpThreads.shutdownNow();
    lookups.shutdownNow();
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
