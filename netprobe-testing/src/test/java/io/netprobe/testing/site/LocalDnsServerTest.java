package io.netprobe.testing.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.testing.OpenSockets;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local DNS server, checked with the real dig (dnsutils) and with hand-made messages. */
class LocalDnsServerTest {
  static LocalDnsServer server;

  @BeforeAll
  static void start() throws IOException {
    server = LocalDnsServer.builder("juwonpark.me").address("quizai.juwonpark.me", InetAddress.getLoopbackAddress())
        .address("v6.juwonpark.me", "::1", "127.0.0.2").start();
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
    assertThat(LocalDnsServer.u16(formerr, 0)).isEqualTo(0x1234);

    byte[] truncatedName = {0, 1, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 6, 'q', 'u'};
    assertThat(server.answer(truncatedName)[3] & 0x0f).isEqualTo(1);

    byte[] status = {0, 2, 0x10, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0}; // opcode 2 (STATUS)
    assertThat(server.answer(status)[3] & 0x0f).isEqualTo(4);

    byte[] aResponse = {0, 3, (byte) 0x80, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0};
    assertThat(server.answer(aResponse)).isNull();
    assertThat(server.answer(new byte[5])).isNull();
  }
  @Test
  void holdsIpv6AndSeveralAddressesPerName() throws Exception {
    String aaaa = dig("+short", "v6.juwonpark.me", "AAAA");
    String a = dig("+short", "v6.juwonpark.me", "A");

    assertThat(aaaa.trim()).isEqualTo("::1");
    assertThat(a.trim()).isEqualTo("127.0.0.2");
    assertThat(server.records()).containsOnlyKeys("quizai.juwonpark.me", "v6.juwonpark.me");
    assertThat(server.zone()).isEqualTo("juwonpark.me");
  }

  @Test
  void anAnyQueryGetsEveryAddressOfTheName() {
    byte[] any = query("v6.juwonpark.me", 255);
    byte[] answer = server.answer(any);

    assertThat(answer[3] & 0x0f).isZero();
    assertThat(LocalDnsServer.u16(answer, 6)).as("ANCOUNT").isEqualTo(2);
  }

  @Test
  void namesOutsideTheZoneAndNonLiteralAddressesAreRejected() {
    LocalDnsServer.Builder b = LocalDnsServer.builder("Shop.Example.");
    assertThatThrownBy(() -> b.address("www.other.example", "127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("www.other.example")
        .hasMessageContaining("not in the zone shop.example");
    assertThatThrownBy(() -> b.address("www.shop.example", "localhost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'")
        .hasMessageContaining("IPv4 or IPv6 literal");
    assertThatThrownBy(() -> b.address("www.shop.example", "300.1.1.1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 255");
    assertThatThrownBy(() -> LocalDnsServer.builder("a..b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone 'a..b'");
  }

  @Test
  void closeReleasesThePortTheSocketAndTheThread() throws Exception {
    long socketsBefore = OpenSockets.count();
    LocalDnsServer dns = LocalDnsServer.builder("shop.example").address("www.shop.example", "127.0.0.1").start();
    int port = dns.address().getPort();
    assertThat(OpenSockets.count()).isGreaterThan(socketsBefore);
    assertThat(threadNamed("netprobe-local-dns-" + port)).isTrue();

    dns.close();

    assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
    assertThat(threadNamed("netprobe-local-dns-" + port)).isFalse();
    try (DatagramSocket again = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThatThrownBy(dns::address).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  /** A query for {@code name} and {@code type}, class IN, without EDNS. */
  static byte[] query(String name, int type) {
    byte[] encoded = LocalDnsServer.encodeName(name);
    byte[] q = new byte[12 + encoded.length + 4];
    q[0] = 0x42;
    q[5] = 1; // QDCOUNT
    System.arraycopy(encoded, 0, q, 12, encoded.length);
    q[12 + encoded.length + 1] = (byte) type;
    q[12 + encoded.length + 3] = 1;
    return q;
  }
}
