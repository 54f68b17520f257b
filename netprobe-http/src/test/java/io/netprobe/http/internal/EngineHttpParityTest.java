package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.ProbeClient;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's plain-HTTP/1.1 exchange ({@link EngineHttpExchange}) against OkHttp's, byte for byte: the same probe
 * against the same scripted loopback server once on each path; the server must receive the same request, and the
 * results must agree in everything but timings and the backend's name — status, reason, version, headers in order,
 * body sizes and coding, the failure's kind and words, the assertions.
 */
class EngineHttpParityTest {
  private static final ProbeClient ENGINE = Probes.builder()
      .backend(new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), null, true))
      .timeout(Duration.ofSeconds(3)).build();
  private static final ProbeClient OKHTTP = Probes.builder()
      .backend(new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), null, false))
      .timeout(Duration.ofSeconds(3)).build();

  @AfterAll
  static void close() {
    ENGINE.close();
    OKHTTP.close();
  }

  @Test
  void headersInOrderWithRepeatsAndAReasonPhrase() throws Exception {
    same("HTTP/1.1 200 Fine Thanks\r\nX-B: 1\r\nSet-Cookie: a=1\r\nx-a:  spaced  \r\nSet-Cookie: b=2\r\n"
        + "Content-Length: 0\r\n\r\n", c -> c);
  }

  @Test
  void getReadsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
    same("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n"
        + "X-Trailer: t\r\n\r\n", c -> c.method("GET").failIfBodyNotMatches("hello, world"));
  }

  @Test
  void getReadsABodyUntilTheConnectionCloses() throws Exception {
    same("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", c -> c.method("GET")
        .failIfBodyMatches("end"));
  }

  @Test
  void aBodyBeyondTheLimitIsCutAndSaysSo() throws Exception {
    same("HTTP/1.1 200 OK\r\nContent-Length: 300000\r\n\r\n" + "x".repeat(300_000), c -> c.method("GET")
        .failIfBodyNotMatches("x"));
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    same("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n"
        + "\r\n", c -> c.method("POST").body("{}".getBytes(StandardCharsets.UTF_8), "application/json"));
  }

  @Test
  void requestHeadersCredentialsAndContentAreSentAsOkHttpSendsThem() throws Exception {
    same("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", c -> c.method("PUT")
        .header("X-Trace", "1").header("accept", "text/html").header("Content-Type", "text/x-mine")
        .basicAuth("user", "pass").body("data".getBytes(StandardCharsets.UTF_8), "text/plain"));
  }

  @Test
  void aPostWithoutContentSendsAZeroLength() throws Exception {
    same("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", c -> c.method("POST").header("Connection", "close"));
  }

  @Test
  void gzipIsDecodedWhenAskedFor() throws Exception {
    byte[] page = "<html>".concat("compressible ".repeat(2000)).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(page);
    }
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    same(concat(head, zipped.toByteArray()), c -> c.method("GET").compression("gzip")
        .failIfBodyNotMatches("compressible"));
  }

  @Test
  void aCompressedBodyBeyondTheLimitIsCutAtTheLimitOfWhatItDecodesTo() throws Exception {
    StringBuilder text = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    while (text.length() < 400_000) {
      text.append(Integer.toString(random.nextInt(1000))).append(' ');
    }
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    // how many compressed bytes the decoder had consumed when it had the limit's worth depends on how the bytes were
    // handed to it (OkHttp's from the socket as they came): the wire count is not compared here, all else is
    sameVia(concat(head, zipped.toByteArray()), null, (c, port) -> c.method("GET").compression("gzip"), false);
  }

  @Test
  void aStatusLineThatIsNotHttpIsAProtocolError() throws Exception {
    same("SSH-2.0-OpenSSH_9.2\r\n", c -> c);
  }

  @Test
  void aConnectionClosedBeforeTheHeadersEndIsAReset() throws Exception {
    same("HTTP/1.1 200 OK\r\nX-Half: ", c -> c);
  }

  @Test
  void aBodyShorterThanItsLengthIsAReset() throws Exception {
    same("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", c -> c.method("GET"));
  }

  @Test
  void aBadChunkSizeIsAProtocolError() throws Exception {
    same("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", c -> c.method("GET"));
  }

  @Test
  void aChunkSizeFollowedByGarbageIsAProtocolError() throws Exception {
    same("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 junk\r\nhello\r\n0\r\n\r\n", c -> c.method("GET"));
  }

  @Test
  void throughAProxyTheRequestLineNamesTheWholeUrlAndCarriesTheProxyCredentials() throws Exception {
    // the loopback server is the proxy: origin.test is never looked up by the probe
    sameVia("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "http://Origin.TEST:8080/page?x=1",
        (c, port) -> c.method("GET").proxy("http://bob:secret@127.0.0.1:" + port));
  }

  @Test
  void headersWithoutAColonAreKeptAsOkHttpKeepsThem() throws Exception {
    same("HTTP/1.1 200\r\nno colon here\r\n:leading\r\nContent-Length: 0\r\n\r\n", c -> c);
  }

  /**
   * A link-local target with its zone (RFC 6874), here the IPv6 loopback with {@code lo}'s: the engine connects to
   * the scoped address itself, where OkHttp's exchange goes through a stand-in name, and both send the Host curl
   * sends — the address without its zone — and agree in the result. (OkHttp's path sets that Host before its other
   * headers, the engine in OkHttp's usual place: the requests are compared line by line in any order.)
   */
  @Test
  void aLinkLocalStyleTargetWithItsZoneIsProbedOnTheEngine() throws Exception {
    List<String> requests = sameOnIpv6Loopback("[::1%25lo]");
    assertThat(requests.get(0).split("\r\n")).containsExactlyInAnyOrder(requests.get(1).split("\r\n"));
  }

  /**
   * An IPv6 address written at length goes in {@code Host} as OkHttp writes it, RFC 5952's short form, on both paths
   * (the probe's URL is made canonical before either sees it).
   */
  @Test
  void anIpv6AddressWrittenAtLengthIsSentInItsShortForm() throws Exception {
    List<String> requests = sameOnIpv6Loopback("[0:0:0:0:0:0:0:1]");
    assertThat(requests.get(0)).as("the request on the wire").isEqualTo(requests.get(1));
  }

  /** Both paths against a server on {@code ::1}, the URL naming it as {@code host}; the two requests it received. */
  private static List<String> sameOnIpv6Loopback(String host) throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.net.NetworkInterface.getByName("lo") != null
        && java.net.NetworkInterface.getByName("lo").inetAddresses().anyMatch(v6::equals), "no ::1 on lo here");
    try (ServerSocket listener = new ServerSocket(0, 5, v6)) {
      List<String> requests = new ArrayList<>();
      Thread server = new Thread(() -> {
        for (int i = 0; i < 2; i++) {
          try (Socket s = listener.accept()) {
            requests.add(readRequest(s.getInputStream()));
            s.getOutputStream().write("HTTP/1.1 204 No Content\r\nServer: scripted\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            s.getInputStream().read(new byte[1]);
          } catch (IOException e) {
            requests.add("server failed: " + e);
          }
        }
      });
      server.start();
      String url = "http://" + host + ":" + listener.getLocalPort() + "/path?q=1";
      long started = EngineHttpExchange.STARTED.sum();
      HttpProbeResult engine = ENGINE.http(url).method("GET").run();
      assertThat(EngineHttpExchange.STARTED.sum()).as("made on the engine").isEqualTo(started + 1);
      HttpProbeResult okhttp = OKHTTP.http(url).method("GET").run();
      server.join(5000);
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0)).contains("\r\nHost: [::1]:" + listener.getLocalPort() + "\r\n");
      assertThat(engine.hops().get(0).status()).isEqualTo(204);
      if (host.contains("%")) {
        assertThat(engine.hops().get(0).remote().toString()).contains("%lo");
      }
      assertThat(comparable(engine, true)).isEqualTo(comparable(okhttp, true));
      return requests;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void same(String reply, Function<HttpProbeRequest, HttpProbeRequest> probe) throws Exception {
    same(reply.getBytes(StandardCharsets.ISO_8859_1), probe);
  }

  private static void same(byte[] reply, Function<HttpProbeRequest, HttpProbeRequest> probe) throws Exception {
    sameVia(reply, null, (c, port) -> probe.apply(c), true);
  }

  private static void sameVia(String reply, String url,
      java.util.function.BiFunction<HttpProbeRequest, Integer, HttpProbeRequest> probe) throws Exception {
    sameVia(reply.getBytes(StandardCharsets.ISO_8859_1), url, probe, true);
  }

  /**
   * One server, two connections: the engine's exchange, then OkHttp's; both see {@code reply}. {@code url} is the
   * probe's (the server's own when null); {@code probe} is also given the server's port. {@code wireCount}: whether
   * the body's wire byte count is compared too.
   */
  private static void sameVia(byte[] reply, @javax.annotation.Nullable String target,
      java.util.function.BiFunction<HttpProbeRequest, Integer, HttpProbeRequest> probe, boolean wireCount)
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      List<String> requests = new ArrayList<>();
      Thread server = new Thread(() -> {
        for (int i = 0; i < 2; i++) {
          try (Socket s = listener.accept()) {
            requests.add(readRequest(s.getInputStream()));
            try {
              OutputStream out = s.getOutputStream();
              out.write(reply);
              out.flush();
              s.shutdownOutput();
              s.getInputStream().read(new byte[1]); // until the client closes
            } catch (IOException closedEarly) {
              // a client that read as much as it keeps closes before a long reply is written
            }
          } catch (IOException e) {
            requests.add("server failed: " + e);
          }
        }
      });
      server.start();
      String url = target != null ? target : "http://127.0.0.1:" + listener.getLocalPort() + "/path?q=1";
      HttpProbeResult engine = probe.apply(ENGINE.http(url), listener.getLocalPort()).run();
      HttpProbeResult okhttp = probe.apply(OKHTTP.http(url), listener.getLocalPort()).run();
      server.join(5000);
      assertThat(engine.backend()).isEqualTo(okhttp.backend());
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0)).as("the request on the wire").isEqualTo(requests.get(1));
      assertThat(comparable(engine, wireCount)).isEqualTo(comparable(okhttp, wireCount));
    }
  }

  /** Everything a result says but timings. */
  private static String comparable(HttpProbeResult r, boolean wireCount) {
    StringBuilder sb = new StringBuilder();
    for (HttpHop hop : r.hops()) {
      sb.append(hop.method()).append(' ').append(hop.status()).append(" '").append(hop.reason()).append("' ")
          .append(hop.version()).append(' ').append(hop.headers()).append(' ').append(hop.remote()).append('\n');
    }
    sb.append("failure ").append(r.failure().map(f -> f.kind() + ": " + f.message())).append('\n');
    String body = String.valueOf(r.body());
    sb.append("body ").append(wireCount ? body : body.replaceAll("wireBytes=\\d+", "wireBytes=?"))
        .append('\n');
    sb.append("assertions ").append(r.assertions()).append('\n');
    return sb.toString();
  }

  /** The request head and as much content as its Content-Length says. */
  static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        break;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }
}
