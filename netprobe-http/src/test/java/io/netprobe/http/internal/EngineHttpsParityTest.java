package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.Deadline;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.TlsImplementation;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
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
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's HTTPS exchange ({@link EngineHttpExchange} over {@link EngineTls}, HTTP/2 by {@link Http2Codec})
 * against OkHttp's, byte for byte: the same probe against the same scripted TLS server once on each path. The server
 * decrypts what the client sends until the request's end (for HTTP/2: the preface, the settings, the window update,
 * the request's HEADERS and DATA frames — HPACK included) and must receive the same bytes from both; then it answers
 * with the same scripted frames, and the results must agree in everything but timings — status, reason, version,
 * headers in order, TLS facts (version, cipher, ALPN, chain), body, the failure's kind and words.
 */
class EngineHttpsParityTest {
  private static final SSLSocketFactory SERVER_TLS = TestPki.serverFactory(TestPki.leaf("example.test"));
  private static final ProbeClient ENGINE = client(true);
  private static final ProbeClient OKHTTP = client(false);

  private static ProbeClient client(boolean engine) {
    return Probes.builder().backend(new OkHttpBackend(TestPki.trust(), OkHttpBackend.SYSTEM,
        new TlsStack(TlsImplementation.JDK, ConscryptSupport::await), null, engine))
        .timeout(Duration.ofSeconds(3)).build();
  }

  /** The engine takes HTTPS once OkHttp's and the TLS library's classes are loaded: the first probes wait here. */
  @BeforeAll
  static void loaded() {
    Deadline d = Deadline.after(Duration.ofSeconds(20));
    new TlsStack(TlsImplementation.JDK, ConscryptSupport::await).choose(TlsImplementation.JDK, d);
    while (!OkHttpExchange.loaded() && !d.isExpired()) {
      Thread.onSpinWait();
    }
  }

  @AfterAll
  static void close() {
    ENGINE.close();
    OKHTTP.close();
  }

  @Test
  void http2HeadersInOrderWithRepeatsAndABodyInFrames() throws Exception {
    same(List.of(settings(), headers(3, false, ":status", "200", "x-b", "1", "set-cookie", "a=1", "set-cookie", "b=2",
        "content-type", "text/plain"), data(3, false, "hello, "), data(3, true, "world")),
        c -> c.method("GET").failIfBodyNotMatches("hello"));
  }

  /**
   * HTTPS to a target with its zone (RFC 6874, here the IPv6 loopback with {@code lo}'s): the engine connects to the
   * scoped address itself, its handshake names the address without the zone (no server name for an address) and
   * checks the certificate against it, and HTTP/2's {@code :authority} is the Host curl sends — the same frames and
   * the same result, the name mismatch included, as OkHttp's exchange through its stand-in name.
   */
  @Test
  void aTargetWithItsZoneOverHttp2() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.net.NetworkInterface.getByName("lo") != null
        && java.net.NetworkInterface.getByName("lo").inetAddresses().anyMatch(v6::equals), "no ::1 on lo here");
    List<HttpProbeResult> results = new ArrayList<>();
    sameVia("[::1%25lo]", List.of(), List.of(settings(), headers(3, false, ":status", "200"), data(3, true, "ok")),
        new String[] {"h2", "http/1.1"}, c -> c.method("GET").insecure(), End.CLOSE_NOTIFY, results::add);
    assertThat(results.get(0).hops().get(0).status()).isEqualTo(200);
    assertThat(results.get(0).hops().get(0).tls().orElseThrow().problems().toString())
        .contains("HOSTNAME_MISMATCH");
  }

  @Test
  void http2HeadEndsWithItsHeaders() throws Exception {
    same(List.of(settings(), headers(3, true, ":status", "204", "server", "scripted")), c -> c);
  }

  @Test
  void http2ContentAndCredentialsAreSentAsOkHttpSendsThem() throws Exception {
    same(List.of(settings(), headers(3, true, ":status", "201")), c -> c.method("PUT").header("X-Trace", "1")
        .header("accept", "text/html").basicAuth("user", "pass").body("data".getBytes(StandardCharsets.UTF_8),
            "text/plain"));
  }

  /**
   * Content of more than a frame goes in frames of 16 KB; content that fills its last frame exactly is ended by an
   * empty frame, as OkHttp's sink ends it (it has sent everything by the time it is closed).
   */
  @Test
  void http2ContentLargerThanAFrameGoesInFramesOfSixteenKilobytes() throws Exception {
    // the stream's window 256 KiB by settings, the connection's by an update, before the request
    byte[] open = frame(4, 0, 0, new byte[] {0, 4, 0, 4, 0, 0});
    byte[] connection = frame(8, 0, 0, new byte[] {0, 4, 0, 0});
    for (int size : new int[] {40_000, 32_768}) {
      sameVia(List.of(open, connection), List.of(headers(3, true, ":status", "201")), new String[] {"h2"},
          c -> c.method("PUT").body(new byte[size], "application/octet-stream"), End.CLOSE_NOTIFY);
    }
  }

  /**
   * HTTPS through an HTTP proxy: the CONNECT request OkHttp sends (its own User-Agent, the proxy's credentials and
   * the probe's CONNECT headers at once), then TLS and HTTP/2 through the tunnel; a proxy that refuses the
   * credentials ends both alike.
   */
  @Test
  void throughAProxysConnectTunnel() throws Exception {
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:secret".getBytes(
        StandardCharsets.UTF_8));
    try (ConnectProxy proxy = new ConnectProxy(basic)) {
      Function<HttpProbeRequest, HttpProbeRequest> via = c -> c.method("GET").serverName("example.test")
          .proxy("http://bob:secret@127.0.0.1:" + proxy.port()).proxyConnectHeader("X-Tenant", "t1");
      sameVia("127.0.0.1", List.of(), List.of(settings(), headers(3, false, ":status", "200"), data(3, true, "ok")),
          new String[] {"h2", "http/1.1"}, via, End.CLOSE_NOTIFY);
      assertThat(proxy.heads).hasSize(2);
      assertThat(proxy.heads.get(0)).as("the CONNECT request").isEqualTo(proxy.heads.get(1))
          .contains("Proxy-Authorization: " + basic).contains("X-Tenant: t1");

      String url = "https://127.0.0.1:9/";
      Function<HttpProbeRequest, HttpProbeRequest> refused = c -> c.serverName("example.test")
          .proxy("http://bob:wrong@127.0.0.1:" + proxy.port());
      long handshakes = EngineHttpExchange.HANDSHAKES.sum();
      HttpProbeResult engine = refused.apply(ENGINE.http(url)).run();
      HttpProbeResult okhttp = refused.apply(OKHTTP.http(url)).run();
      assertThat(engine.failure()).isPresent();
      assertThat(comparable(engine)).isEqualTo(comparable(okhttp));
      assertThat(EngineHttpExchange.HANDSHAKES.sum()).as("no handshake without a tunnel").isEqualTo(handshakes);
    }
  }

  @Test
  void http2PostWithoutContentSendsAnEmptyDataFrame() throws Exception {
    same(List.of(settings(), headers(3, true, ":status", "202")), c -> c.method("POST"));
  }

  @Test
  void http2InterimResponsesAndTrailersAreSkipped() throws Exception {
    same(List.of(settings(), headers(3, false, ":status", "103", "link", "</a.css>"),
        headers(3, false, ":status", "200"), data(3, false, "body"), headers(3, true, "x-trailer", "t")),
        c -> c.method("GET"));
  }

  @Test
  void http2HeaderBlockInContinuationsWithPaddingAndPriority() throws Exception {
    byte[] block = hpack(":status", "200", "x-long", "v".repeat(300), "x-other", "o");
    byte[] first = new byte[1 + 5 + 100 + 7];
    first[0] = 7; // pad length
    System.arraycopy(block, 0, first, 6, 100);
    byte[] rest = java.util.Arrays.copyOfRange(block, 100, block.length);
    same(List.of(settings(), frame(1, 0x8 | 0x20, 3, first), frame(9, 0, 3, java.util.Arrays.copyOf(rest, 50)),
        frame(9, 0x4, 3, java.util.Arrays.copyOfRange(rest, 50, rest.length)), data(3, true, "")), c -> c);
  }

  @Test
  void http2StreamResetIsAReset() throws Exception {
    same(List.of(settings(), rst(3, 8)), c -> c);
  }

  @Test
  void http2GoAwayLeavingTheStreamOutIsARefusal() throws Exception {
    same(List.of(settings(), frame(7, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 0xb})), c -> c);
  }

  @Test
  void http2ConnectionClosedBeforeTheBodyEndsIsACancel() throws Exception {
    same(List.of(settings(), headers(3, false, ":status", "200"), data(3, false, "part")), c -> c.method("GET"));
  }

  @Test
  void http2FrameCutByTheCloseIsAnEndOfStream() throws Exception {
    same(List.of(settings(), java.util.Arrays.copyOf(headers(3, false, ":status", "200"), 12)), c -> c);
  }

  @Test
  void http2WithoutSettingsFirstIsAProtocolError() throws Exception {
    same(List.of(headers(3, true, ":status", "200")), c -> c);
    sameVia(List.of(headers(3, true, ":status", "200")), new String[] {"h2"}, c -> c, End.KEEP_OPEN);
  }

  @Test
  void http2ServerThatSaysNothingAndClosesIsAProtocolError() throws Exception {
    same(List.of(), c -> c);
  }

  @Test
  void http2MissingStatusAndMixedCaseNamesAreProtocolErrors() throws Exception {
    same(List.of(settings(), headers(3, true, "server", "x")), c -> c);
    same(List.of(settings(), headers(3, true, ":status", "200", "X-Upper", "1")), c -> c);
    same(List.of(settings(), headers(3, true, ":status", "2x0")), c -> c);
  }

  @Test
  void http2PingsAndWindowUpdatesOnTheWayAreAnswered() throws Exception {
    same(List.of(settings(), frame(6, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), frame(8, 0, 0, new byte[] {0, 0, 1,
        0}), headers(3, false, ":status", "200"), data(3, true, "ok")), c -> c.method("GET"));
  }

  @Test
  void http2BodyBeyondTheLimitIsCutAndGzipIsDecoded() throws Exception {
    List<byte[]> frames = new ArrayList<>(List.of(settings(), headers(3, false, ":status", "200")));
    for (int i = 0; i < 20; i++) {
      frames.add(data(3, false, "x".repeat(16384)));
    }
    frames.add(data(3, true, ""));
    same(frames, c -> c.method("GET").failIfBodyNotMatches("x"));
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("compressible ".repeat(2000).getBytes(StandardCharsets.US_ASCII));
    }
    same(List.of(settings(), headers(3, false, ":status", "200", "content-encoding", "gzip"),
        frame(0, 1, 3, zipped.toByteArray())), c -> c.method("GET").compression("gzip")
        .failIfBodyNotMatches("compressible"));
  }

  @Test
  void http11OverTlsWhenTheServerOffersOnlyIt() throws Exception {
    sameHttp1("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 5\r\n\r\nhello", c -> c.method("GET"));
    sameHttp1("HTTP/1.1 200 OK\r\n\r\nuntil the close", c -> c.method("GET"));
    sameHttp1("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", c -> c.method("GET"));
  }

  @Test
  void http11OnlyWhenTheProbeAsksForIt() throws Exception {
    // the server offers both; a probe without HTTP/2 offers http/1.1 alone
    sameVia(List.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
        new String[] {"h2", "http/1.1"}, c -> c.http2(false));
  }

  @Test
  void connectionsEndedWithoutCloseNotify() throws Exception {
    sameVia(List.of("HTTP/1.1 200 OK\r\n\r\nuntil the reset".getBytes(StandardCharsets.ISO_8859_1)),
        new String[] {"http/1.1"}, c -> c.method("GET"), End.RESET);
    sameVia(List.of(settings(), headers(3, false, ":status", "200")), new String[] {"h2"}, c -> c.method("GET"),
        End.RESET);
  }

  // --- the scripted server -------------------------------------------------------------------------------------

  private static void same(List<byte[]> frames, Function<HttpProbeRequest, HttpProbeRequest> probe) throws Exception {
    sameVia(frames, new String[] {"h2", "http/1.1"}, probe);
  }

  private static void sameHttp1(String reply, Function<HttpProbeRequest, HttpProbeRequest> probe) throws Exception {
    sameVia(List.of(reply.getBytes(StandardCharsets.ISO_8859_1)), new String[] {"http/1.1"}, probe);
  }

  /**
   * One TLS server offering {@code alpn}, two connections: the engine's exchange, then OkHttp's; both get {@code
   * reply} once their request has come whole.
   */
  private static void sameVia(List<byte[]> reply, String[] alpn, Function<HttpProbeRequest, HttpProbeRequest> probe)
      throws Exception {
    sameVia(reply, alpn, probe, End.CLOSE_NOTIFY);
  }

  /** How the server ends a connection once it has written its reply. */
  private enum End {
    /** It says close_notify, then waits for the client to close. */
    CLOSE_NOTIFY,
    /** It resets the connection without a close_notify, as a crash does. */
    RESET,
    /** It keeps the connection open until the client closes it. */
    KEEP_OPEN
  }

  private static void sameVia(List<byte[]> reply, String[] alpn, Function<HttpProbeRequest, HttpProbeRequest> probe,
      End end) throws Exception {
    sameVia(List.of(), reply, alpn, probe, end);
  }

  /**
   * {@code preamble}: frames the server sends as soon as the handshake is done, before reading the request (the
   * client's acknowledgement of settings among them is then left out of the request compared).
   */
  private static void sameVia(List<byte[]> preamble, List<byte[]> reply, String[] alpn,
      Function<HttpProbeRequest, HttpProbeRequest> probe, End end) throws Exception {
    sameVia("example.test", preamble, reply, alpn, probe, end, r -> { });
  }

  private static void sameVia(String host, List<byte[]> preamble, List<byte[]> reply, String[] alpn,
      Function<HttpProbeRequest, HttpProbeRequest> probe, End end) throws Exception {
    sameVia(host, preamble, reply, alpn, probe, end, r -> { });
  }

  /** {@code host}: the URL's host (the server is on loopback whatever it is: IPv6's for a bracketed address). */
  private static void sameVia(String host, List<byte[]> preamble, List<byte[]> reply, String[] alpn,
      Function<HttpProbeRequest, HttpProbeRequest> probe, End end,
      java.util.function.Consumer<HttpProbeResult> engineResult) throws Exception {
    InetAddress bind = host.startsWith("[") ? InetAddress.getByName("::1") : InetAddress.getLoopbackAddress();
    try (ServerSocket listener = new ServerSocket(0, 5, bind)) {
      List<String> requests = new ArrayList<>();
      Thread server = new Thread(() -> {
        for (int i = 0; i < 2; i++) {
          try (Socket raw = listener.accept();
              SSLSocket s = (SSLSocket) SERVER_TLS.createSocket(raw, null, raw.getPort(), true)) {
            s.setUseClientMode(false);
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(alpn);
            s.setSSLParameters(p);
            s.startHandshake();
            boolean h2 = "h2".equals(s.getApplicationProtocol());
            for (byte[] f : preamble) {
              s.getOutputStream().write(f);
            }
            s.getOutputStream().flush();
            requests.add(s.getApplicationProtocol() + "\n" + (h2 ? readHttp2Request(s.getInputStream())
                : EngineHttpParityTest.readRequest(s.getInputStream())));
            try {
              // OkHttp ends its request (END_STREAM, a flush) after the headers: a reply before then races its failure
              // with that flush ("closed"), whichever comes first
              Thread.sleep(100);
              OutputStream out = s.getOutputStream();
              for (byte[] f : reply) {
                out.write(f);
              }
              out.flush();
              if (end == End.RESET) {
                Thread.sleep(200); // the reply is read before the reset, which would discard it
                raw.setSoLinger(true, 0);
                raw.close(); // no close_notify: the connection just ends
                continue;
              }
              if (end == End.CLOSE_NOTIFY) {
                s.shutdownOutput();
              }
              s.setSoTimeout(3000);
              s.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the client closes
            } catch (IOException closedEarly) {
              // a client that read as much as it keeps closes before a long reply is written
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } catch (IOException e) {
            requests.add("server failed: " + e);
          }
        }
      });
      server.start();
      String url = "https://" + host + ":" + listener.getLocalPort() + "/path?q=1";
      long handshakes = EngineHttpExchange.HANDSHAKES.sum();
      HttpProbeResult engine = probe.apply(ENGINE.http(url).resolve("example.test", "127.0.0.1")).run();
      assertThat(EngineHttpExchange.HANDSHAKES.sum()).as("the engine made the handshake").isEqualTo(handshakes + 1);
      HttpProbeResult okhttp = probe.apply(OKHTTP.http(url).resolve("example.test", "127.0.0.1")).run();
      server.join(10_000);
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0)).as("the request on the wire").isEqualTo(requests.get(1));
      assertThat(comparable(engine)).isEqualTo(comparable(okhttp));
      engineResult.accept(engine);
    }
  }

  /** Everything a result says but timings. */
  private static String comparable(HttpProbeResult r) {
    StringBuilder sb = new StringBuilder();
    for (HttpHop hop : r.hops()) {
      sb.append(hop.method()).append(' ').append(hop.status()).append(" '").append(hop.reason()).append("' ")
          .append(hop.version()).append(' ').append(hop.headers()).append(' ').append(hop.remote()).append(' ')
          .append(hop.tls()).append('\n');
    }
    sb.append("failure ").append(r.failure().map(f -> f.kind() + ": " + f.message())).append('\n');
    sb.append("body ").append(r.body()).append('\n');
    sb.append("assertions ").append(r.assertions()).append('\n');
    return sb.toString();
  }

  /** The preface and the frames up to the one that ends the request stream, as hex. */
  private static String readHttp2Request(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] preface = new byte[24];
    data.readFully(preface);
    seen.writeBytes(preface);
    while (true) {
      byte[] header = new byte[9];
      data.readFully(header);
      int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
      byte[] payload = new byte[length];
      data.readFully(payload);
      int type = header[3];
      if (type == 4 && (header[4] & 1) != 0) {
        continue; // an acknowledgement of settings: when it comes depends on when the server's settings came
      }
      seen.writeBytes(header);
      seen.writeBytes(payload);
      boolean endStream = (header[4] & 1) != 0 && (type == 0 || type == 1);
      if (endStream) {
        return java.util.HexFormat.of().formatHex(seen.toByteArray());
      }
    }
  }

  // --- frames, written by hand (HPACK literals without indexing or Huffman) --------------------------------------

  /** One HTTP/2 frame: its header (length, type, flags, stream) and payload. */
  static byte[] frame(int type, int flags, int stream, byte[] payload) {
    byte[] f = new byte[9 + payload.length];
    f[0] = (byte) (payload.length >>> 16);
    f[1] = (byte) (payload.length >>> 8);
    f[2] = (byte) payload.length;
    f[3] = (byte) type;
    f[4] = (byte) flags;
    f[5] = (byte) (stream >>> 24);
    f[6] = (byte) (stream >>> 16);
    f[7] = (byte) (stream >>> 8);
    f[8] = (byte) stream;
    System.arraycopy(payload, 0, f, 9, payload.length);
    return f;
  }

  /** The server's SETTINGS: a 1 MiB window and 100 streams, as nginx says. */
  private static byte[] settings() {
    return frame(4, 0, 0, new byte[] {0, 3, 0, 0, 0, 100, 0, 4, 0, 0x10, 0, 0});
  }

  private static byte[] headers(int stream, boolean endStream, String... namesAndValues) {
    return frame(1, 0x4 | (endStream ? 1 : 0), stream, hpack(namesAndValues));
  }

  private static byte[] data(int stream, boolean endStream, String text) {
    return frame(0, endStream ? 1 : 0, stream, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] rst(int stream, int code) {
    return frame(3, 0, stream, new byte[] {0, 0, 0, (byte) code});
  }

  private static byte[] hpack(String... namesAndValues) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.write(0);
      literal(out, namesAndValues[i]);
      literal(out, namesAndValues[i + 1]);
    }
    return out.toByteArray();
  }

  private static void literal(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    int n = bytes.length;
    if (n < 127) {
      out.write(n);
    } else {
      out.write(127);
      n -= 127;
      while (n >= 128) {
        out.write(n & 0x7f | 0x80);
        n >>>= 7;
      }
      out.write(n);
    }
    out.writeBytes(bytes);
  }
}
