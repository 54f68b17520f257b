package io.netprobe.cli.demo;

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
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the seed's site as Cloudflare serves it: plain HTTP on every interface answers 301 to https (like
 * "Always Use HTTPS"); HTTPS on 127.0.0.1 redirects {@code /} to {@code /quiz/}, which answers 200 with
 * {@code server: cloudflare}, {@code cf-ray: …-ICN}, {@code cf-cache-status: DYNAMIC} and a Django
 * {@code csrftoken} cookie. Built on the JDK's HttpServer and HttpsServer.
 *
 * <p>Thread-safe; {@link #close()} stops both servers.
 */
public final class DemoSite implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String host;
  private final HttpsServer https;
  private final HttpServer http;

  /** Starts both servers for {@code host}, the HTTPS one with {@code tls}. */
  public DemoSite(String host, SSLContext tls) throws IOException {
    this.host = host;
    this.https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", this::site);
    https.start();
    // 0.0.0.0 like the seed's Django dev server (new InetSocketAddress(0) would bind the IPv6 wildcard)
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[4]), 0), 0);
    http.createContext("/", this::alwaysHttps);
    http.start();
  }

  /** The plain HTTP server's address (the wildcard address, every interface). */
  public InetSocketAddress httpAddress() {
    return http.getAddress();
  }

  /** The HTTPS server's address (127.0.0.1 only). */
  public InetSocketAddress httpsAddress() {
    return https.getAddress();
  }

  /** The URL a visitor types: plain http, which redirects to https. */
  public String url() {
    return "http://" + host + ":" + http.getAddress().getPort() + "/";
  }

  private String httpsBase() {
    return "https://" + host + ":" + https.getAddress().getPort();
  }

  private void alwaysHttps(HttpExchange exchange) throws IOException {
    edgeHeaders(exchange);
    exchange.getResponseHeaders().add("location", httpsBase() + exchange.getRequestURI());
    send(exchange, 301, "");
  }

  private void site(HttpExchange exchange) throws IOException {
    edgeHeaders(exchange);
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/")) {
      exchange.getResponseHeaders().add("location", "/quiz/");
      send(exchange, 302, "");
      return;
    }
    if (!path.equals("/quiz/")) {
      exchange.getResponseHeaders().add("content-type", "text/html; charset=utf-8");
      send(exchange, 404, "<h1>Not Found</h1>\n");
      return;
    }
    exchange.getResponseHeaders().add("content-type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().add("vary", "Cookie");
    exchange.getResponseHeaders().add("x-frame-options", "DENY");
    exchange.getResponseHeaders().add("set-cookie", "csrftoken=" + hex(16) + "; Max-Age=31449600; Path=/; "
        + "SameSite=Lax; Secure");
    send(exchange, 200, "<!doctype html><title>QuizAI</title><h1>QuizAI</h1>\n");
  }

  private static void edgeHeaders(HttpExchange exchange) {
    exchange.getResponseHeaders().add("server", "cloudflare");
    exchange.getResponseHeaders().add("cf-ray", hex(8) + "-ICN");
    exchange.getResponseHeaders().add("cf-cache-status", "DYNAMIC");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
    // -1: no body at all (HEAD, or nothing to send); otherwise a fixed length
    exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
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

  @Override
  public void close() {
    https.stop(0);
    http.stop(0);
  }
}
