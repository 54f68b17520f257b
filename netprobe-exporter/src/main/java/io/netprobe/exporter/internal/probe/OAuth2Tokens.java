package io.netprobe.exporter.internal.probe;

import io.netprobe.ProbeClient;
import io.netprobe.exporter.internal.config.OAuth2Config;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * prometheus/common's {@code oauth2}: fetches an access token with the client-credentials grant and keeps it until
 * ten seconds before it expires (Go's {@code oauth2.ReuseTokenSource}). Client authentication as Go's
 * {@code AuthStyleAutoDetect}: HTTP Basic with the URL-encoded id and secret first, the id and secret as form
 * parameters when the endpoint refuses that. The request is a netprobe HTTP probe, so the oauth2 block's
 * {@code tls_config} (CA, client certificate, server name, insecure_skip_verify, TLS versions) and proxy options
 * ({@code proxy_url} with credentials, {@code no_proxy}, {@code proxy_from_environment},
 * {@code proxy_connect_header}) apply as they do to the probe itself; the secret travels as the library's secret
 * (Basic) or in the form body, which results never show. Thread-safe.
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
  /** The most of a token response read (the library reads a bounded body). */
  private static final long MAX_RESPONSE = 1 << 20;

  private OAuth2Tokens() {}

  /** A valid token for {@code c}: the kept one, or a new one fetched with {@code client} within {@code timeout}. */
  static CompletableFuture<Token> token(OAuth2Config c, Duration timeout, ProbeClient client) {
    Token kept = CACHE.get(c);
    if (kept != null && Instant.now().plus(EXPIRY_DELTA).isBefore(kept.expires())) {
      return CompletableFuture.completedFuture(kept);
    }
    String secret;
    try {
      secret = c.clientSecretFile().isPresent()
          ? Files.readString(Path.of(c.clientSecretFile().get()), StandardCharsets.UTF_8).strip()
          : c.clientSecret().orElse("");
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new TokenException("oauth2: " + e.getMessage()));
    }
    Map<String, String> inBody = new LinkedHashMap<>();
    inBody.put("client_id", c.clientId());
    inBody.put("client_secret", secret);
    long t0 = System.nanoTime();
    Exchange header;
    try {
      header = exchange(c, client, timeout, form(c, Map.of()), secret);
    } catch (IllegalArgumentException | IOException e) {
      return CompletableFuture.failedFuture(new TokenException("oauth2: " + e.getMessage()));
    }
    return header.run().thenCompose(r -> {
      if (r.status() >= 400 && r.status() < 500) {
        Duration left = timeout.minusNanos(System.nanoTime() - t0);
        try {
          return exchange(c, client, left, form(c, inBody), null).run();
        } catch (IllegalArgumentException | IOException e) {
          throw new CompletionException(new TokenException("oauth2: " + e.getMessage()));
        }
      }
      return CompletableFuture.completedFuture(r);
    }).thenApply(r -> {
      try {
        Token t = parse(r);
        CACHE.put(c, t);
        return t;
      } catch (TokenException te) {
        throw new CompletionException(te);
      }
    });
  }

  /** One token request: the status, the response's content type and body, or why there is none. */
  record Response(int status, String contentType, String body, String url) {}

  /** A token request ready to run. */
  private record Exchange(HttpProbeRequest request, AtomicReference<String> body, String url) {
    CompletableFuture<Response> run() {
      return request.runAsync().thenApply(r -> {
        Optional<HttpHop> last = r.finalHop();
        if (last.isEmpty() || r.failure().isPresent() && r.failedAssertion().isEmpty()) {
          String why = r.failure().map(f -> f.kind().name() + " " + f.message()).orElse("no response");
          throw new CompletionException(new TokenException("oauth2: cannot fetch token from " + url + ": " + why));
        }
        return new Response(last.get().status(), last.get().headers().first("content-type").orElse(""),
            Optional.ofNullable(body.get()).orElse(""), url);
      });
    }
  }

  /**
   * The POST of {@code form} to the token endpoint with the block's TLS and proxy options; with {@code basicSecret}
   * the id and secret go in an HTTP Basic header.
   */
  private static Exchange exchange(OAuth2Config c, ProbeClient client, Duration timeout, String form,
      @javax.annotation.Nullable String basicSecret) throws IOException {
    AtomicReference<String> body = new AtomicReference<>();
    HttpProbeRequest r = client.http(c.tokenUrl()).method("POST").maxRedirects(10)
        .timeout(timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout)
        .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
        .bodySizeLimit(MAX_RESPONSE)
        // the library keeps no body: this check hands it over and always passes
        .assertion(new HttpAssertion.BodyCheck("oauth2 token response", b -> {
          body.set(b);
          return Optional.empty();
        }));
    if (basicSecret != null) {
      r = r.basicAuth(enc(c.clientId()), enc(basicSecret));
    }
    r = HttpExtras.tls(r, c.tls());
    Optional<String> proxy = ProxyChoice.of(c.proxy(), URI.create(c.tokenUrl()), System.getenv());
    if (proxy.isPresent()) {
      r = r.proxy(proxy.get());
      for (Map.Entry<String, String> e : c.proxy().connectHeaders()) {
        r = r.proxyConnectHeader(e.getKey(), e.getValue());
      }
    }
    return new Exchange(r, body, c.tokenUrl());
  }

  /** Forgets every kept token (tests; a reload makes new config values, which are new keys anyway). */
  static void forget() {
    CACHE.clear();
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

  static Token parse(Response r) throws TokenException {
    if (r.status() < 200 || r.status() > 299) {
      throw new TokenException("oauth2: cannot fetch token: " + r.status() + " from " + r.url());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String type = r.contentType();
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
        throw new TokenException("oauth2: cannot parse json: the token response from " + r.url()
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
}
