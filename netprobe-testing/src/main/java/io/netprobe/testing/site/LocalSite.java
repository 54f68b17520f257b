package io.netprobe.testing.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A local stand-in for a web site, started inside a test (or the {@code netprobe demo}) on free ports: a
 * {@link LocalDnsServer} holding the site's name (127.0.0.1 unless told otherwise), a plain HTTP listener and an
 * HTTPS listener whose {@link LocalCertificate} is made at run time. Paths answer what {@link Builder#route} says;
 * headers given to {@link Builder#header} go with every response of both listeners, as an edge's would. Nothing
 * leaves the machine: DNS and HTTPS listen on 127.0.0.1, HTTP on 127.0.0.1 or, when asked, on every interface
 * (0.0.0.0). {@link #close()} stops all three and releases their ports.
 *
 * <pre>{@code
 * try (LocalSite site = LocalSite.builder("shop.example")
 *         .route("/", SiteResponse.redirect(302, "/login/"))
 *         .route("/login/", SiteResponse.status(200).body("hello\n"))
 *         .start();
 *     AutoCloseable trust = site.certificate().trustInThisProcess()) {
 *   Probes.http(site.httpsUrl()).resolve(site.host(), "127.0.0.1").followRedirects().run();
 *   Probes.dns(site.host()).server("127.0.0.1", site.dns().address().getPort()).run();
 * }
 * }</pre>
 *
 * <p>Thread-safe: the servers answer on their own threads from immutable routes; any thread may close the site.
 */
public final class LocalSite implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SiteResponse NOT_FOUND = SiteResponse.status(404)
      .header("content-type", "text/html; charset=utf-8").body("<h1>Not Found</h1>\n");

  private final String host;
  private final LocalCertificate certificate;
  private final List<Map.Entry<String, Supplier<String>>> everyResponse;
  private final Map<String, SiteResponse> routes;
  private final boolean httpRedirectsToHttps;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final LocalDnsServer dns;
  private final HttpsServer https;
  private final HttpServer http;

  private LocalSite(Builder b) throws IOException {
    this.host = b.host;
    this.certificate = b.certificate != null ? b.certificate : LocalCertificate.forThisProcess(b.host);
    this.everyResponse = b.everyResponse.headers();
    this.routes = Map.copyOf(b.routes);
    this.httpRedirectsToHttps = b.httpRedirectsToHttps;
    try {
      LocalDnsServer.Builder zone = LocalDnsServer.builder(b.zone != null ? b.zone : b.host);
      if (!b.addresses.containsKey(b.host)) {
        zone.address(b.host, InetAddress.getLoopbackAddress());
      }
      b.addresses.forEach((name, list) -> zone.address(name, list.toArray(new InetAddress[0])));
      this.dns = zone.start();
      started.add(dns);
      this.https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      started.add(() -> https.stop(0));
      https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
      https.createContext("/", this::site);
      https.start();
      // 0.0.0.0 by its bytes: new InetSocketAddress(0) would bind the IPv6 wildcard
      InetAddress httpBind = b.httpOnEveryInterface ? InetAddress.getByAddress(new byte[4])
          : InetAddress.getLoopbackAddress();
      this.http = HttpServer.create(new InetSocketAddress(httpBind, 0), 0);
      started.add(() -> http.stop(0));
      http.createContext("/", httpRedirectsToHttps ? this::alwaysHttps : this::site);
      http.start();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A site for {@code host} (a DNS name), in the zone {@code host} unless {@link Builder#zone} says otherwise.
   *
   * @throws IllegalArgumentException when {@code host} is not a DNS name
   */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /**
   * A Django application behind Cloudflare, as the README's example site is served (what {@code netprobe demo}
   * starts): plain HTTP on every interface answers 301 to https (Cloudflare's "Always Use HTTPS"); HTTPS redirects
   * {@code /} to {@code /quiz/}, which answers 200 with a Django {@code csrftoken} cookie; every response carries
   * {@code server: cloudflare}, {@code cf-ray: …-ICN} and {@code cf-cache-status: DYNAMIC}. Other paths are 404.
   */
  public static Builder cloudflareInFrontOfDjango(String host) {
    return builder(host).httpOnEveryInterface().httpRedirectsToHttps()
        .header("server", "cloudflare").header("cf-ray", () -> hex(8) + "-ICN").header("cf-cache-status", "DYNAMIC")
        .route("/", SiteResponse.redirect(302, "/quiz/"))
        .route("/quiz/", SiteResponse.status(200).header("content-type", "text/html; charset=utf-8")
            .header("vary", "Cookie").header("x-frame-options", "DENY")
            .header("set-cookie", () -> "csrftoken=" + hex(16) + "; Max-Age=31449600; Path=/; SameSite=Lax; Secure")
            .body("<!doctype html><title>QuizAI</title><h1>QuizAI</h1>\n"));
  }

  /** The site's name, as the DNS server holds it and the certificate names it. */
  public String host() {
    return host;
  }

  /** The HTTPS listener's certificate. */
  public LocalCertificate certificate() {
    return certificate;
  }

  /** The DNS server holding the site's name. */
  public LocalDnsServer dns() {
    return dns;
  }

  /** The plain HTTP listener's address: 127.0.0.1, or the wildcard 0.0.0.0 (every interface). */
  public InetSocketAddress httpAddress() {
    return http.getAddress();
  }

  /** The HTTPS listener's address (127.0.0.1 only). */
  public InetSocketAddress httpsAddress() {
    return https.getAddress();
  }

  /** The URL a visitor types: {@code http://host:port/}. */
  public String url() {
    return "http://" + host + ":" + http.getAddress().getPort() + "/";
  }

  /** The HTTPS URL: {@code https://host:port/}. */
  public String httpsUrl() {
    return "https://" + host + ":" + https.getAddress().getPort() + "/";
  }

  private void alwaysHttps(HttpExchange exchange) throws IOException {
    String location = "https://" + host + ":" + https.getAddress().getPort() + exchange.getRequestURI();
    send(exchange, SiteResponse.redirect(301, location));
  }

  private void site(HttpExchange exchange) throws IOException {
    send(exchange, routes.getOrDefault(exchange.getRequestURI().getPath(), NOT_FOUND));
  }

  private void send(HttpExchange exchange, SiteResponse response) throws IOException {
    for (Map.Entry<String, Supplier<String>> h : everyResponse) {
      exchange.getResponseHeaders().add(h.getKey(), h.getValue().get());
    }
    for (Map.Entry<String, Supplier<String>> h : response.headers()) {
      exchange.getResponseHeaders().add(h.getKey(), h.getValue().get());
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    boolean head = exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
    // -1: no body at all (HEAD, or nothing to send); otherwise a fixed length
    exchange.sendResponseHeaders(response.status(), head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Stops the listeners and the DNS server, newest first; each is stopped even when another fails to. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not stop the local site for " + host, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    started.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * What a {@link LocalSite} serves, before it starts. Not thread-safe; {@link #start()} copies it, so one builder
   * may start several sites.
   */
  public static final class Builder {
    private final String host;
    private String zone;
    private final Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();
    private final Map<String, SiteResponse> routes = new LinkedHashMap<>();
    private SiteResponse everyResponse = SiteResponse.status(200);
    private boolean httpOnEveryInterface;
    private boolean httpRedirectsToHttps;
    private LocalCertificate certificate;

    private Builder(String host) {
      this.host = SiteNames.name(host, "host");
    }

    /**
     * The zone the DNS server answers for (default: the host itself); names outside it are REFUSED.
     *
     * @throws IllegalArgumentException when {@code zone} is not a DNS name or does not hold the host
     */
    public Builder zone(String zone) {
      String z = SiteNames.name(zone, "zone");
      if (!host.equals(z) && !host.endsWith("." + z)) {
        throw new IllegalArgumentException("zone " + zone + " must hold the host " + host);
      }
      this.zone = z;
      return this;
    }

    /**
     * DNS records for {@code name}: A for IPv4, AAAA for IPv6 literals. Given for the host, they replace its default
     * 127.0.0.1; given for other names in the zone, they add names.
     *
     * @throws IllegalArgumentException when {@code name} is not a DNS name, no address is given or one is not an IP
     *     literal
     */
    public Builder address(String name, String... literals) {
      String n = SiteNames.name(name, "name");
      if (literals.length == 0) {
        throw new IllegalArgumentException("name " + name + " needs at least one address");
      }
      List<InetAddress> list = addresses.computeIfAbsent(n, k -> new ArrayList<>());
      for (String literal : literals) {
        list.add(SiteNames.ipLiteral(literal));
      }
      return this;
    }

    /**
     * Binds the plain HTTP listener to 0.0.0.0 (every interface, so also reachable from other machines) instead of
     * 127.0.0.1, like a development server started with {@code 0.0.0.0:8000}.
     */
    public Builder httpOnEveryInterface() {
      this.httpOnEveryInterface = true;
      return this;
    }

    /** Plain HTTP answers every request with 301 to the same path on the HTTPS listener, instead of the routes. */
    public Builder httpRedirectsToHttps() {
      this.httpRedirectsToHttps = true;
      return this;
    }

    /** A header sent with every response, before the route's own headers. */
    public Builder header(String name, String value) {
      everyResponse = everyResponse.header(name, value);
      return this;
    }

    /** A header sent with every response, its value computed for each (a request id, a ray id). */
    public Builder header(String name, Supplier<String> value) {
      everyResponse = everyResponse.header(name, value);
      return this;
    }

    /**
     * What {@code path} answers (exact match, query ignored). Paths without a route answer 404.
     *
     * @throws IllegalArgumentException when {@code path} does not start with '/'
     */
    public Builder route(String path, SiteResponse response) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path '" + path + "' must start with '/'");
      }
      routes.put(path, response);
      return this;
    }

    /** The certificate for HTTPS (default: {@link LocalCertificate#forThisProcess} of the host). */
    public Builder certificate(LocalCertificate certificate) {
      this.certificate = certificate;
      return this;
    }

    /**
     * Starts the DNS server and both listeners on free ports.
     *
     * @throws IllegalArgumentException when a name given to {@link #address} is outside the zone
     * @throws IOException when a listener cannot bind (nothing is left running)
     */
    public LocalSite start() throws IOException {
      return new LocalSite(this);
    }
  }
}
