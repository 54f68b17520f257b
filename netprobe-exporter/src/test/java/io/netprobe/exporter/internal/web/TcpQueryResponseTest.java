package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query_response} {@code expect_bytes} and {@code labels} through {@code /probe}, against an in-JVM server
 * that greets with four bytes and no line end, then a line.
 */
class TcpQueryResponseTest {
  @TempDir
  static Path dir;
  static ServerSocket server;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.getOutputStream().write("HELOversion=7.2 up\n".getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          s.getInputStream().read();
        } catch (IOException closed) {
          // next client
        }
      }
    }, "query-response-test-server");
    t.setDaemon(true);
    t.start();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          bytes_labels:
            prober: tcp
            timeout: 5s
            tcp:
              query_response:
                - expect_bytes: "HELO"
                - expect: "^version=(?P<version>[0-9.]+) (\\\\w+)"
                  labels:
                    - {name: version, value: "${version}"}
                    - {name: state, value: "$2"}
                    - {name: literal, value: "v$$"}
          bytes_wrong:
            prober: tcp
            timeout: 5s
            tcp:
              query_response:
                - expect_bytes: "HOLA"
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() throws IOException {
    if (exporter != null) {
      exporter.close();
    }
    server.close();
  }

  @Test
  void exactBytesThenALabelledMatch() throws Exception {
    String m = NetprobeProbersTest.probe("bytes_labels", "127.0.0.1:" + server.getLocalPort(), exporter);
    assertThat(m).contains("probe_success 1\n", "probe_failed_due_to_bytes 0\n", "probe_failed_due_to_regex 0\n")
        .containsPattern("probe_expect_info\\{[^}]*version=\"7\\.2\"[^}]*} 1\n")
        .containsPattern("probe_expect_info\\{[^}]*state=\"up\"[^}]*} 1\n")
        .containsPattern("probe_expect_info\\{[^}]*literal=\"v\\$\"[^}]*} 1\n");
  }

  @Test
  void otherBytesFailTheProbe() throws Exception {
    String m = NetprobeProbersTest.probe("bytes_wrong", "127.0.0.1:" + server.getLocalPort(), exporter);
    assertThat(m).contains("probe_success 0\n", "probe_failed_due_to_bytes 1\n",
        "probe_failure_info{kind=\"FAILED_DUE_TO_BYTES\"} 1\n").doesNotContain("probe_expect_info");
  }
}
