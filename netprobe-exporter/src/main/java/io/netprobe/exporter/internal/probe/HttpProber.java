package io.netprobe.exporter.internal.probe;

import io.netprobe.core.Host;
import io.netprobe.exporter.internal.config.HttpAuth;
import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpAssertionResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.PhaseTimings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** blackbox's http prober on netprobe's HTTP probe. Stateless and thread-safe. */
final class HttpProber {
  private static final java.util.regex.Pattern LENGTH = java.util.regex.Pattern.compile("[0-9]{1,18}");
  static final String DURATION = "probe_http_duration_seconds";
  private static final String DURATION_HELP = "Duration of http request by phase, summed over all redirects";

  private HttpProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    HttpOptions h = c.module().http();
    MetricSet m = c.metrics();
    m.gauge("probe_http_status_code", "Response HTTP status code", 0);
    m.gauge("probe_http_content_length", "Length of http content response", 0);
    m.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body", 0);
    m.gauge("probe_http_redirects", "The number of redirects", 0);
    m.gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect", 0);
    m.gauge("probe_http_version", "Returned version of HTTP", 0);
    m.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex", 0);
    if (h.celChecks()) {
      m.gauge(CelChecks.GAUGE, CelChecks.HELP, 0);
    }
    URI url = http3Url(c, h, Targets.httpUrl(c.target()));
    String host = url.getHost().replaceAll("^\\[|\\]$", "");
    Optional<String> vhost = c.hostname().or(() -> h.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("host")).map(Map.Entry::getValue).findFirst());
    if (h.skipResolvePhaseWithProxy() && (h.proxy().url().isPresent() || h.proxy().fromEnvironment())) {
      // as blackbox: no lookup and no resolution series; the proxy resolves the target's name
      return send(c, h, url, host, vhost, null);
    }
    return Resolve.address(c, host, h.ip()).thenCompose(address -> {
      m.add(DURATION, DURATION_HELP, m.value("probe_dns_lookup_time_seconds"), "phase", "resolve");
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(address.failed());
      }
      return send(c, h, url, host, vhost, address.get());
    });
  }

  /** {@code url}, or with {@code enable_http3} the https URL it becomes, as blackbox 0.28 turns it (and logs). */
  private static URI http3Url(ProbeContext c, HttpOptions h, URI url) {
    if (!h.enableHttp3() || !url.getScheme().equalsIgnoreCase("http")) {
      return url;
    }
    URI https = URI.create("https" + url.toString().substring(4));
    c.log().warn("Converting HTTP to HTTPS for HTTP/3 compatibility original_target=" + url + " converted_target="
        + https);
    return https;
  }

  /** The request to {@code address}, or by name through the proxy when {@code address} is null. */
  private static CompletableFuture<Verdict> send(ProbeContext c, HttpOptions h, URI url, String host,
      Optional<String> vhost, @Nullable InetAddress address) {
    for (String phase : List.of("connect", "tls", "processing", "transfer")) {
      c.metrics().gauge(DURATION, DURATION_HELP, 0, "phase", phase);
    }
    HttpProbeRequest request;
    try {
      request = request(c, url, host, vhost, address);
    } catch (IllegalArgumentException | IOException e) {
      c.log().error("Error creating request err=" + e.getMessage());
      return CompletableFuture.completedFuture(Verdict.failed("INVALID_REQUEST"));
    }
    c.log().info("Making HTTP request url=" + request.spec().url() + " host=" + vhost.orElse(host));
    if (h.auth().oauth2().isPresent()) {
      HttpProbeRequest unauthorised = request;
      long t0 = System.nanoTime();
      return OAuth2Tokens.token(h.auth().oauth2().get(), c.timeout(), c.client()).handle((token, e) -> {
        if (e != null) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          c.log().error("Error for HTTP request err=\"" + cause.getMessage() + "\"");
          return CompletableFuture.completedFuture(Verdict.failed("OAUTH2_TOKEN"));
        }
        // the token request used part of the probe's time; the request gets what is left
        java.time.Duration left = c.timeout().minusNanos(System.nanoTime() - t0);
        if (left.toMillis() < 1) {
          c.log().error("Error for HTTP request err=\"no time left after fetching the oauth2 token\"");
          return CompletableFuture.completedFuture(Verdict.failed("TIMEOUT"));
        }
        HttpProbeRequest timed = unauthorised.timeout(left);
        HttpProbeRequest authorised = token.type().equals("Bearer") ? timed.bearerToken(token.value())
            : timed.header("Authorization", token.type() + " " + token.value());
        return authorised.runAsync().thenApply(r -> judge(c, h, r));
      }).thenCompose(f -> f);
    }
    return request.runAsync().thenApply(r -> judge(c, h, r));
  }

  private static HttpProbeRequest request(ProbeContext c, URI url, String host, Optional<String> vhost,
      @Nullable InetAddress address) throws IOException {
    HttpOptions h = c.module().http();
    String name = vhost.map(v -> Targets.hostPort(v, false).host()).orElse(host);
    String requestUrl = url.toString();
    HttpProbeRequest r;
    if (address == null) {
      r = c.client().http(withHost(url, name));
    } else if (Host.of(name).isLiteral()) {
      r = c.client().http(withHost(url, AddressChoice.literal(address)));
    } else {
      requestUrl = withHost(url, name);
      r = c.client().http(requestUrl).resolve(name, address.getHostAddress());
    }
    r = r.method(h.method()).maxRedirects(h.followRedirects() ? 10 : 0).timeout(c.timeout());
    Optional<String> contentType = Optional.empty();
    for (Map.Entry<String, String> e : h.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase("content-type")) {
        contentType = Optional.of(e.getValue());
      } else if (!e.getKey().equalsIgnoreCase("host")) {
        r = r.header(e.getKey(), e.getValue());
      }
    }
    if (h.body().isPresent()) {
      String b = h.body().get();
      byte[] content = b.startsWith("@") ? Files.readAllBytes(Path.of(b.substring(1)))
          : b.getBytes(StandardCharsets.UTF_8);
      r = r.body(content, contentType.orElse(""));
    } else if (contentType.isPresent()) {
      r = r.header("Content-Type", contentType.get());
    }
    // 0.23 sends no Accept-Encoding of its own: compression only decodes what the configured headers asked for
    boolean asked = h.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("accept-encoding"));
    if (!h.compression().isEmpty() && asked) {
      r = r.compression(h.compression());
    }
    if (h.bodySizeLimit() > 0) {
      r = r.bodySizeLimit(h.bodySizeLimit());
    }
    URI dialled = address == null ? url : URI.create(withHost(url, AddressChoice.literal(address)));
    r = HttpExtras.apply(r, h, dialled, System.getenv(), c.log());
    for (Pattern p : h.failIfBodyMatches()) {
      r = r.failIfBodyMatches(p.pattern());
    }
    for (Pattern p : h.failIfBodyNotMatches()) {
      r = r.failIfBodyNotMatches(p.pattern());
    }
    return auth(CelChecks.apply(r, h), h.auth());
  }

  /** basic_auth or authorization as the library's secrets, files read now (they may be rotated). */
  static HttpProbeRequest auth(HttpProbeRequest r, HttpAuth a) throws IOException {
    if (a.basic()) {
      String user = a.usernameFile().isPresent() ? read(a.usernameFile().get()) : a.username().orElse("");
      String pass = a.passwordFile().isPresent() ? read(a.passwordFile().get()) : a.password().orElse("");
      return r.basicAuth(user, pass);
    }
    if (a.authorization()) {
      String cred = a.credentialsFile().isPresent() ? read(a.credentialsFile().get()) : a.credentials().orElse("");
      String type = a.authorizationType().orElse("Bearer");
      return type.equalsIgnoreCase("Bearer") ? r.bearerToken(cred) : r.header("Authorization", type + " " + cred);
    }
    return r;
  }

  private static String read(String file) throws IOException {
    return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
  }

  private static String withHost(URI url, String host) {
    try {
      String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      return new URI(url.getScheme(), url.getRawUserInfo() == null ? null : url.getUserInfo(), h.replaceAll(
          "^\\[(.*)]$", "[$1]"), url.getPort(), url.getPath().isEmpty() ? "/" : url.getPath(), url.getQuery(), null)
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot put " + host + " into " + url + ": " + e.getReason(), e);
    }
  }

  private static Verdict judge(ProbeContext c, HttpOptions h, HttpProbeResult r) {
    MetricSet m = c.metrics();
    boolean first = true;
    for (HttpHop hop : r.hops()) {
      PhaseTimings t = hop.timings();
      Duration connected = t.tlsHandshake().orElse(t.connect());
      if (!first) {
        // the first hop's address was chosen before the request (counted above); redirects look up their own
        m.add(DURATION, DURATION_HELP, MetricSet.seconds(t.dnsPhase()), "phase", "resolve");
      }
      first = false;
      m.add(DURATION, DURATION_HELP, MetricSet.seconds(t.tcpPhase()), "phase", "connect");
      m.add(DURATION, DURATION_HELP, MetricSet.seconds(t.tlsPhase()), "phase", "tls");
      m.add(DURATION, DURATION_HELP, Math.max(0, MetricSet.seconds(t.firstByte().minus(connected))), "phase",
          "processing");
      m.add(DURATION, DURATION_HELP, MetricSet.seconds(t.transferPhase()), "phase", "transfer");
    }
    boolean overLimit = h.bodySizeLimit() > 0 && r.body().filter(b -> b.decodedBytes() > h.bodySizeLimit())
        .isPresent();
    if (r.failure().isPresent() && r.failedAssertion().isEmpty() && !overLimit) {
      c.log().error("Error for HTTP request err=\"" + r.failure().get().kind().description() + ": "
          + r.failure().get().message() + "\"");
      return Verdict.of(r);
    }
    HttpHop last = r.finalHop().orElseThrow();
    int status = last.status();
    m.gauge("probe_http_status_code", "Response HTTP status code", status);
    m.gauge("probe_http_version", "Returned version of HTTP", switch (last.version()) {
      case HTTP_1_0 -> 1.0;
      case HTTP_1_1 -> 1.1;
      case HTTP_2 -> 2.0;
      case HTTP_3 -> 3.0;
    });
    Optional<Long> length = last.headers().first("content-length").filter(v -> LENGTH.matcher(v.trim()).matches())
        .map(v -> Long.parseLong(v.trim()));
    boolean head = last.method().equals("HEAD");
    m.gauge("probe_http_content_length", "Length of http content response", length.orElse(
        status == 204 || status == 304 || head ? 0L : -1L));
    boolean unfollowedRedirect = !h.followRedirects() && status >= 300 && status < 400;
    // measured on blackbox 0.23: the body of a redirect it was told not to follow counts 0 bytes
    if (r.body().isPresent() && !unfollowedRedirect) {
      m.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body",
          r.body().get().decodedBytes());
    } else if (!head && !unfollowedRedirect && last.headers().first("content-encoding").isEmpty()) {
      m.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body", length.orElse(0L));
    }
    int redirects = r.redirectCount();
    if (!h.followRedirects() && status >= 300 && status < 400 && last.location().isPresent()) {
      redirects = 1; // Go's client counts the redirect it was told not to follow
    }
    m.gauge("probe_http_redirects", "The number of redirects", redirects);
    boolean ssl = last.tls().isPresent() && last.url().getScheme().equals("https");
    m.gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect", ssl ? 1 : 0);
    last.headers().first("last-modified").flatMap(HttpProber::httpDate).ifPresent(epoch ->
        m.gauge("probe_http_last_modified_timestamp_seconds", "Returns the Last-Modified HTTP response header in "
            + "unixtime", epoch));
    if (ssl) {
      TlsMetrics.record(last.tls().get(), h.tls().insecureSkipVerify(), m);
    }
    c.log().info("Received HTTP response status_code=" + status);
    boolean statusOk = h.validStatusCodes().isEmpty() ? status >= 200 && status < 300
        : h.validStatusCodes().contains(status);
    if (!statusOk) {
      c.log().error("Invalid HTTP response status code, wanted 2xx status_code=" + status);
      return Verdict.failed("UNEXPECTED_STATUS", r);
    }
    if (HttpExtras.failedHeaderCheck(r, c.log()).isPresent()) {
      m.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex", 1);
      return Verdict.failed("FAILED_DUE_TO_REGEX", r);
    }
    // blackbox treats the body as compressed whatever the response says; a body it cannot decode fails the probe
    if (!h.compression().isEmpty() && !h.compression().equalsIgnoreCase("identity") && !last.headers()
        .first("content-encoding").map(e -> e.trim().equalsIgnoreCase(h.compression())).orElse(false)) {
      m.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body", 0);
      c.log().error("Failed to get decompressor for HTTP response body compression=" + h.compression());
      return Verdict.failed("DECOMPRESSION_FAILED", r);
    }
    Optional<HttpAssertionResult> body = r.assertions().stream().filter(a -> !a.passed())
        .filter(a -> a.assertion() instanceof HttpAssertion.BodyMatches
            || a.assertion() instanceof HttpAssertion.BodyNotMatches).findFirst();
    if (body.isPresent()) {
      m.gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex", 1);
      c.log().error("Body check failed " + body.get().describe());
      return Verdict.failed("FAILED_DUE_TO_REGEX", r);
    }
    Optional<HttpAssertionResult> cel = r.assertions().stream().filter(a -> !a.passed())
        .filter(a -> a.assertion() instanceof HttpAssertion.BodyCheck).findFirst();
    if (cel.isPresent()) {
      m.gauge(CelChecks.GAUGE, CelChecks.HELP, 1);
      c.log().error(cel.get().observed());
      return Verdict.failed("FAILED_DUE_TO_CEL", r);
    }
    if (overLimit) {
      // Go's MaxBytesReader hands over exactly the limit before it fails; the library read one byte more to know
      m.gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body", h.bodySizeLimit());
      c.log().error("Failed to read HTTP response body err=\"http: request body too large\"");
      return Verdict.failed("BODY_SIZE_LIMIT", r);
    }
    String proto = switch (last.version()) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_1_1 -> "HTTP/1.1";
      case HTTP_2 -> "HTTP/2.0";
      case HTTP_3 -> "HTTP/3.0";
    };
    if (!h.validHttpVersions().isEmpty() && h.validHttpVersions().stream()
        .noneMatch(v -> v.equals(proto) || (v + ".0").equals(proto))) {
      c.log().error("Invalid HTTP version number version=" + proto);
      return Verdict.failed("INVALID_HTTP_VERSION", r);
    }
    if (h.failIfSsl() && ssl) {
      c.log().error("Final request was over SSL");
      return Verdict.failed("FAIL_IF_SSL", r);
    }
    if (h.failIfNotSsl() && !ssl) {
      c.log().error("Final request was not over SSL");
      return Verdict.failed("FAIL_IF_NOT_SSL", r);
    }
    return Verdict.ok(r);
  }

  private static Optional<Long> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
