package io.netprobe.exporter.internal.web;

import io.netprobe.ProbeClient;
import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ConfigException;
import io.netprobe.exporter.internal.probe.ModuleProber;
import io.netprobe.exporter.internal.probe.Unsupported;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * The exporter: blackbox's endpoints on its HTTP(S) server ({@link WebServer}), on every
 * {@code --web.listen-address}, behind the web config's TLS and basic auth. {@code /probe}, {@code /metrics} and the
 * health endpoints are answered on the server's event loop (a probe is started there and answered from its
 * completion); pages that read files, render YAML or check a bcrypt password run on a small pool. Thread-safe;
 * {@link #close()} stops it.
 */
public final class ExporterServer implements AutoCloseable {
  private final Flags flags;
  private final Log log;
  private final AtomicReference<BlackboxConfig> config;
  private final AtomicReference<WebConfig> web;
  private final ExporterMetrics metrics;
  private final History history;
  private final ProbeHandler probes;
  private final ExecutorService slow;
  private final WebServer server;
  private final List<InetSocketAddress> bound = new ArrayList<>();

  private ExporterServer(Flags flags, BlackboxConfig config, WebConfig web, ProbeClient client, Log log,
      String version) {
    this.flags = flags;
    this.log = log;
    this.config = new AtomicReference<>(config);
    this.web = new AtomicReference<>(web);
    this.metrics = new ExporterMetrics(version);
    this.history = new History(flags.historyLimit());
    this.slow = Executors.newFixedThreadPool(4, daemons("exporter-pages"));
    this.server = new WebServer(Integer.getInteger("netprobe.exporter.http.threads",
        Runtime.getRuntime().availableProcessors()));
    this.probes = new ProbeHandler(this.config::get, new ModuleProber(client), flags, history, metrics, log);
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
    InetSocketAddress local = server.listen(bind, tls, protocols(web.minVersion(), web.maxVersion()), this::route);
    bound.add(local);
    String shown = local.getAddress().isAnyLocalAddress() ? "[::]" : local.getAddress() instanceof Inet6Address
        ? "[" + local.getAddress().getHostAddress() + "]" : local.getAddress().getHostAddress();
    log.info("Listening on address", "address", shown + ":" + local.getPort(), "tls", String.valueOf(tls != null));
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
    return List.copyOf(bound);
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

  /**
   * Says at load time which modules will fail every probe because of options not honoured yet, and (as blackbox
   * 0.28) which turn http targets into https for HTTP/3.
   */
  private static void warnUnsupported(BlackboxConfig c, Log log) {
    c.modules().values().forEach(m -> {
      List<String> options = Unsupported.of(m);
      if (!options.isEmpty()) {
        log.warn("Module sets options netprobe-exporter cannot honour yet; its probes fail with "
            + "probe_failure_info{kind=\"UNSUPPORTED_OPTION\"}", "module", m.name(), "options",
            String.join("; ", options));
      }
      if (m.prober() == io.netprobe.exporter.internal.config.Prober.HTTP && m.http().enableHttp3()) {
        log.warn("HTTP/3 is enabled for this module. HTTP targets will be automatically converted to HTTPS during "
            + "probing. Consider using HTTPS targets directly in your configuration.", "module", m.name());
      }
    });
  }

  private void route(Exchange x) {
    try {
      String prefix = flags.routePrefix().equals("/") ? "" : flags.routePrefix();
      String path = x.path();
      if (!path.startsWith(prefix)) {
        x.send(404, Http.TEXT, "404 page not found\n");
        return;
      }
      WebConfig w = web.get();
      w.headers().forEach(x::setHeader);
      if (!w.users().isEmpty()) {
        Optional<String[]> credentials = credentials(x);
        Optional<Boolean> known = credentials.isEmpty() ? Optional.of(false)
            : w.remembered(credentials.get()[0], credentials.get()[1]);
        if (known.isEmpty()) {
          // bcrypt takes tens of milliseconds: not on the event loop
          slow.execute(() -> routeAuthorized(x, w.authenticate(credentials.get()[0], credentials.get()[1]), prefix));
          return;
        }
        routeAuthorized(x, known.get(), prefix);
        return;
      }
      routeAuthorized(x, true, prefix);
    } catch (RuntimeException e) {
      failed(x, e);
    }
  }

  private void routeAuthorized(Exchange x, boolean authorized, String prefix) {
    try {
      if (!authorized) {
        x.setHeader("WWW-Authenticate", "Basic");
        x.send(401, Http.TEXT, "Unauthorized\n");
        return;
      }
      String local = x.path().substring(prefix.length());
      switch (local.isEmpty() ? "/" : local) {
        case "/probe" -> probes.handle(x);
        case "/metrics" -> x.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
        case "/-/healthy" -> x.send(200, Http.TEXT, "Healthy");
        case "/-/ready" -> x.send(200, Http.TEXT, "Ready");
        case "/-/reload" -> offLoop(x, () -> reload(x));
        case "/config" -> offLoop(x, () -> x.send(200, Http.TEXT, ConfigPage.render(config.get())));
        case "/logs" -> offLoop(x, () -> logs(x));
        case "/" -> offLoop(x, () -> x.send(200, "text/html; charset=utf-8", Pages.index(history.newestFirst(),
            prefix)));
        default -> x.send(404, Http.TEXT, "404 page not found\n");
      }
    } catch (RuntimeException e) {
      failed(x, e);
    }
  }

  /** Runs a page that reads files or renders YAML on the pool, not on the server's event loop. */
  private void offLoop(Exchange x, Runnable page) {
    slow.execute(() -> {
      try {
        page.run();
      } catch (RuntimeException e) {
        failed(x, e);
      }
    });
  }

  private void failed(Exchange x, RuntimeException e) {
    log.error("Request failed", "path", x.path(), "err", e.toString());
    x.send(500, Http.TEXT, "internal error\n");
  }

  private void reload(Exchange x) {
    if (!x.method().equals("POST")) {
      x.send(405, Http.TEXT, "This endpoint requires a POST request.\n");
      return;
    }
    if (reload()) {
      x.send(200, Http.TEXT, "");
    } else {
      x.send(500, Http.TEXT, "failed to reload config: " + lastReloadError.get() + "\n");
    }
  }

  private void logs(Exchange x) {
    Map<String, String> q = x.query();
    long id;
    try {
      id = Long.parseLong(q.getOrDefault("id", ""));
    } catch (NumberFormatException e) {
      x.send(500, Http.TEXT, "Invalid probe id\n");
      return;
    }
    history.get(id).ifPresentOrElse(e -> x.send(200, Http.TEXT, e.debug()),
        () -> x.send(404, Http.TEXT, "Probe id not found\n"));
  }

  /** The user and password of a Basic {@code Authorization} header. */
  private static Optional<String[]> credentials(Exchange x) {
    String h = x.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? Optional.empty()
        : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }

  @Override
  public void close() {
    server.close();
    slow.shutdownNow();
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
