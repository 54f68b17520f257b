package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter's HTTP/1.1 server on the wire: keep-alive, answers in request order for a pipelining client, HEAD,
 * HTTP/1.0, gzip, a malformed request, the route prefix. Raw sockets to an exporter of this test on loopback.
 */
class WebServerTest {
  @TempDir
  static Path dir;
  static ServerSocket listener;
  static Exporter exporter;
  static Exporter prefixed;

  @BeforeAll
  static void start() throws Exception {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          tcp_connect:
            prober: tcp
            timeout: 5s
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:0", "--log.level=error");
    prefixed = Exporter.start(Probes.defaultClient(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:0", "--log.level=error", "--web.route-prefix=/bb");
  }

  @AfterAll
  static void stop() throws IOException {
    exporter.close();
    prefixed.close();
    listener.close();
  }

  record Response(String statusLine, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static Socket connect(Exporter e) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), e.addresses().get(0).getPort());
    s.setSoTimeout(10_000);
    return s;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("connection closed in a header line");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    String status = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h; !(h = line(in)).isEmpty(); ) {
      headers.put(h.substring(0, h.indexOf(':')).toLowerCase(Locale.ROOT), h.substring(h.indexOf(':') + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
    return new Response(status, headers, in.readNBytes(length));
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  @Test
  void keepAliveConnectionAnswersManyRequests() throws Exception {
    try (Socket s = connect(exporter)) {
      for (int i = 0; i < 5; i++) {
        s.getOutputStream().write(get("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort())
            .getBytes(StandardCharsets.US_ASCII));
        Response r = read(s.getInputStream(), false);
        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(r.headers()).containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .containsKey("date");
        assertThat(r.text()).contains("probe_success 1\n");
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // a probe answered from its completion, a page from the pool, the health check at once
      paths.add("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort());
      paths.add("/config");
      paths.add("/-/healthy");
    }
    try (Socket s = connect(exporter)) {
      s.getOutputStream().write(String.join("", paths.stream().map(WebServerTest::get).toList())
          .getBytes(StandardCharsets.US_ASCII));
      for (String path : paths) {
        Response r = read(s.getInputStream(), false);
        assertThat(r.statusLine()).as(path).isEqualTo("HTTP/1.1 200 OK");
        if (path.startsWith("/probe")) {
          assertThat(r.text()).contains("probe_success 1\n");
        } else if (path.equals("/config")) {
          assertThat(r.text()).contains("tcp_connect");
        } else {
          assertThat(r.text()).isEqualTo("Healthy");
        }
      }
    }
  }

  @Test
  void headHttp10GzipAndMalformedRequests() throws Exception {
    try (Socket s = connect(exporter)) {
      s.getOutputStream().write("HEAD /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Response head = read(s.getInputStream(), true);
      assertThat(head.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(head.headers()).containsEntry("content-length", "7");
      s.getOutputStream().write(("GET /probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort()
          + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Response gz = read(s.getInputStream(), false);
      assertThat(gz.headers()).containsEntry("content-encoding", "gzip");
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("probe_success 1\n");
      }
    }
    try (Socket s = connect(exporter)) {
      s.getOutputStream().write("GET /-/ready HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Response r = read(s.getInputStream(), false);
      assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
      assertThat(r.text()).isEqualTo("Ready");
      assertThat(s.getInputStream().read()).as("closed after an HTTP/1.0 answer").isEqualTo(-1);
    }
    try (Socket s = connect(exporter)) {
      s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(read(s.getInputStream(), false).statusLine()).startsWith("HTTP/1.1 400");
      assertThat(s.getInputStream().read()).as("closed after a bad request").isEqualTo(-1);
    }
  }

  @Test
  void anAddressInUseIsNamed() {
    int taken = exporter.addresses().get(0).getPort();
    assertThatThrownBy(() -> Exporter.start(Probes.defaultClient(),
        "--config.file=" + dir.resolve("blackbox.yml"), "--web.listen-address=127.0.0.1:" + taken))
        .isInstanceOf(IOException.class).hasMessageStartingWith("listen tcp 127.0.0.1:" + taken + ": ")
        .hasMessageEndingWith("Address already in use");
  }

  @Test
  void routePrefixIsHonoured() throws Exception {
    try (Socket s = connect(prefixed)) {
      s.getOutputStream().write((get("/bb/-/healthy") + get("/-/healthy") + get("/bb/probe?module=tcp_connect"
          + "&target=127.0.0.1:" + listener.getLocalPort())).getBytes(StandardCharsets.US_ASCII));
      assertThat(read(s.getInputStream(), false).text()).isEqualTo("Healthy");
      assertThat(read(s.getInputStream(), false).statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(read(s.getInputStream(), false).text()).contains("probe_success 1\n");
    }
  }
}
