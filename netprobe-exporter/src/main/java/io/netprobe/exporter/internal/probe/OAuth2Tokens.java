package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.OAuth2Config;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * prometheus/common's {@code oauth2}: fetches an access token with the client-credentials grant and keeps it until
 * ten seconds before it expires (Go's {@code oauth2.ReuseTokenSource}). Client authentication as Go's
 * {@code AuthStyleAutoDetect}: HTTP Basic with the URL-encoded id and secret first, the id and secret as form
 * parameters when the endpoint refuses that. The request goes through the JDK's HTTP client. Thread-safe.
 */
final class OAuth2Tokens {
  /** A token and the scheme to send it with. */
  record Token(String type, String value, Instant expires) {
    @Override
    public String toString() {
      return "Token[type=" + type + ", expires=" + expires + "]";
    }
  }

  /** Why no token could be had; its message never contains the secret. */
  static final class TokenException extends Exception {
    TokenException(String message) {
      super(message);
    }
  }

  private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);
  private static final Map<OAuth2Config, Token> CACHE = new ConcurrentHashMap<>();
  private static final Map<OAuth2Config, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private OAuth2Tokens() {}

  /** A valid token for {@code c}: the kept one, or a new one fetched within {@code timeout}. */
  static CompletableFuture<Token> token(OAuth2Config c, Duration timeout) {
    Token kept = CACHE.get(c);
    if (kept != null && Instant.now().plus(EXPIRY_DELTA).isBefore(kept.expires())) {
      return CompletableFuture.completedFuture(kept);
    }
    HttpClient client;
    String secret;
    try {
      client = CLIENTS.computeIfAbsent(c, OAuth2Tokens::client);
      secret = c.clientSecretFile().isPresent()
          ? Files.readString(Path.of(c.clientSecretFile().get()), StandardCharsets.UTF_8).strip()
          : c.clientSecret().orElse("");
    } catch (IOException | IllegalStateException e) {
      return CompletableFuture.failedFuture(new TokenException("oauth2: " + e.getMessage()));
    }
    String basic = "Basic " + Base64.getEncoder().encodeToString((enc(c.clientId()) + ":" + enc(secret))
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest header = request(c, timeout, form(c, Map.of())).header("Authorization", basic).build();
    Map<String, String> inBody = new LinkedHashMap<>();
    inBody.put("client_id", c.clientId());
    inBody.put("client_secret", secret);
    return client.sendAsync(header, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
      if (r.statusCode() >= 400 && r.statusCode() < 500) {
        return client.sendAsync(request(c, timeout, form(c, inBody)).build(), HttpResponse.BodyHandlers.ofString());
      }
      return CompletableFuture.completedFuture(r);
    }).handle((r, e) -> {
      if (e != null) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e;
        throw new java.util.concurrent.CompletionException(new TokenException("oauth2: cannot fetch token from "
            + c.tokenUrl() + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage()));
      }
      try {
        Token t = parse(r);
        CACHE.put(c, t);
        return t;
      } catch (TokenException te) {
        throw new java.util.concurrent.CompletionException(te);
      }
    });
  }

  /** Forgets every kept token (tests; a reload makes new config values, which are new keys anyway). */
  static void forget() {
    CACHE.clear();
  }

  private static HttpRequest.Builder request(OAuth2Config c, Duration timeout, String form) {
    return HttpRequest.newBuilder(URI.create(c.tokenUrl())).timeout(timeout.isZero() || timeout.isNegative()
        ? Duration.ofMillis(1) : timeout).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
  }

  private static String form(OAuth2Config c, Map<String, String> more) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("grant_type", "client_credentials");
    if (!c.scopes().isEmpty()) {
      p.put("scope", String.join(" ", c.scopes()));
    }
    p.putAll(c.endpointParams());
    p.putAll(more);
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(enc(k) + "=" + enc(v)));
    return String.join("&", parts);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Token parse(HttpResponse<String> r) throws TokenException {
    if (r.statusCode() < 200 || r.statusCode() > 299) {
      throw new TokenException("oauth2: cannot fetch token: " + r.statusCode() + " from " + r.uri());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain")) {
      for (String pair : r.body().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    } else {
      try {
        Object json = new Load(LoadSettings.builder().build()).loadFromString(r.body());
        if (json instanceof Map<?, ?> m) {
          m.forEach((k, v) -> fields.put(String.valueOf(k), v));
        }
      } catch (RuntimeException e) {
        throw new TokenException("oauth2: cannot parse json: the token response from " + r.uri()
            + " is not JSON");
      }
    }
    Object token = fields.get("access_token");
    if (token == null || String.valueOf(token).isEmpty()) {
      throw new TokenException("oauth2: server response missing access_token");
    }
    long expiresIn = 0;
    Object e = fields.get("expires_in");
    if (e != null) {
      try {
        expiresIn = Long.parseLong(String.valueOf(e).trim());
      } catch (NumberFormatException ignored) {
        expiresIn = 0; // Go ignores an unreadable expiry: the token then never expires
      }
    }
    Instant expires = expiresIn > 0 ? Instant.now().plusSeconds(expiresIn) : Instant.MAX;
    return new Token(tokenType(String.valueOf(fields.getOrDefault("token_type", "Bearer"))),
        String.valueOf(token), expires);
  }

  /** Go's {@code Token.Type()}: the common schemes capitalised, empty as Bearer. */
  private static String tokenType(String t) {
    return switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "", "bearer" -> "Bearer";
      case "mac" -> "MAC";
      case "basic" -> "Basic";
      default -> t;
    };
  }

  private static HttpClient client(OAuth2Config c) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL);
    c.proxy().url().ifPresent(u -> {
      URI p = URI.create(u);
      b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
    });
    Optional<Path> ca = TlsFiles.ca(c.tls());
    if (ca.isPresent()) {
      try (InputStream in = Files.newInputStream(ca.get())) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          ks.setCertificateEntry("ca" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        b.sslContext(ctx);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("cannot read the oauth2 tls_config CA " + ca.get() + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }
}
