package io.netprobe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's DNS server, checked with the real dig (dnsutils) and with hand-made messages. */
class DemoDnsServerTest {
  static DemoDnsServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new DemoDnsServer("juwonpark.me", Map.of("quizai.juwonpark.me", InetAddress.getLoopbackAddress()));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static String dig(String... args) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig is not installed (apt-get install dnsutils)");
    List<String> command = new ArrayList<>(List.of("/usr/bin/dig", "@127.0.0.1", "-p",
        String.valueOf(server.address().getPort()), "+time=2", "+tries=1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void answersTheSitesAddressLikeAnAuthoritativeServer() throws Exception {
    String out = dig("quizai.juwonpark.me", "A");

    assertThat(out).contains("status: NOERROR").containsPattern("flags: qr aa rd;")
        .containsPattern("ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1")
        .containsPattern("quizai\\.juwonpark\\.me\\.\\s+300\\s+IN\\s+A\\s+127\\.0\\.0\\.1")
        .contains("; EDNS: version: 0");
  }

  @Test
  void nodataCarriesTheSoa() throws Exception {
    String out = dig("quizai.juwonpark.me", "AAAA");

    assertThat(out).contains("status: NOERROR").contains("ANSWER: 0, AUTHORITY: 1")
        .containsPattern("juwonpark\\.me\\.\\s+300\\s+IN\\s+SOA\\s+ns1\\.juwonpark\\.me\\. hostmaster\\.juwonpark\\.me\\. "
            + "2026112401 7200 3600 1209600 300");
  }

  @Test
  void otherNamesInTheZoneDoNotExistAndOtherZonesAreRefused() throws Exception {
    assertThat(dig("nope.juwonpark.me")).contains("status: NXDOMAIN").contains("AUTHORITY: 1");
    assertThat(dig("example.com")).contains("status: REFUSED");
  }

  @Test
  void withoutEdnsThereIsNoOptRecordAndCaseDoesNotMatter() throws Exception {
    String out = dig("+noedns", "QuizAI.JuwonPark.Me");

    assertThat(out).contains("status: NOERROR").contains("ADDITIONAL: 0").doesNotContain("EDNS");
  }

  @Test
  void malformedQueriesGetFormerrAndOtherOpcodesNotimp() {
    byte[] twoQuestions = {0x12, 0x34, 0x01, 0x00, 0x00, 0x02, 0, 0, 0, 0, 0, 0};
    byte[] formerr = server.answer(twoQuestions);
    assertThat(formerr[3] & 0x0f).isEqualTo(1);
    assertThat(DemoDnsServer.u16(formerr, 0)).isEqualTo(0x1234);

    byte[] truncatedName = {0, 1, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 6, 'q', 'u'};
    assertThat(server.answer(truncatedName)[3] & 0x0f).isEqualTo(1);

    byte[] status = {0, 2, 0x10, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0}; // opcode 2 (STATUS)
    assertThat(server.answer(status)[3] & 0x0f).isEqualTo(4);

    byte[] aResponse = {0, 3, (byte) 0x80, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0};
    assertThat(server.answer(aResponse)).isNull();
    assertThat(server.answer(new byte[5])).isNull();
  }
}
