package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.RecordType;
import io.netprobe.text.ClassicText;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backend against a real NSD on a loopback port, compared with dig where it is installed. */
class DnsjavaNsdIT {
  private static Nsd nsd;
  private static ProbeClient client;

  @BeforeAll
  static void startNsd() throws Exception {
    Assumptions.assumeTrue(Nsd.installed(), "nsd is not installed (apt-get install nsd)");
    nsd = Nsd.start("127.0.0.1", TestZones.example("127.0.0.1"));
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(3)).build();
  }

  @AfterAll
  static void stopNsd() {
    if (nsd != null) {
      nsd.close();
    }
  }

  private DnsRequest ask(String name) {
    return client.dns(name).server(nsd.ip(), nsd.port());
  }

  @ParameterizedTest
  @CsvSource({
      "example.test, A", "example.test, AAAA", "www.example.test, CNAME", "www.example.test, A",
      "example.test, MX", "example.test, TXT", "example.test, NS", "example.test, SOA", "example.test, CAA",
      "_sip._tcp.example.test, SRV", "example.test, HTTPS", "_svc.example.test, SVCB", "example.test, DNSKEY",
      "sub.example.test, DS", "sshfp.example.test, SSHFP", "unknown.example.test, TYPE65400",
      "loc.example.test, LOC", "_25._tcp.example.test, TLSA", "pgp.example.test, OPENPGPKEY", "10.2.0.192.in-addr.arpa, PTR"})
  void answerSectionEqualsDigs(String name, String type) throws Exception {
    DnsResult r = ask(name).type(type).run();
    assertThat(r.failure()).as("failure of %s %s", name, type).isEmpty();
    assertThat(r.answers()).isNotEmpty();
    assertThat(r.answers().stream().map(DnsAnswer::type)).contains(RecordType.of(type));
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    List<String> dig = Dig.records(nsd.ip(), nsd.port(), name, type, "+noall", "+answer");
    assertThat(r.answers().stream().map(a -> Dig.normalize(a.toString())).toList()).isEqualTo(dig);
    List<String> digRest = Dig.records(nsd.ip(), nsd.port(), name, type, "+noall", "+authority", "+additional");
    List<String> ours = new java.util.ArrayList<>();
    r.authority().forEach(a -> ours.add(Dig.normalize(a.toString())));
    r.additional().forEach(a -> ours.add(Dig.normalize(a.toString())));
    assertThat(ours).as("authority and additional sections").isEqualTo(digRest);
  }

  @ParameterizedTest
  @CsvSource({"example.test, A", "missing.example.test, A", "nodata.example.test, AAAA", "example.org, A",
      "big.example.test, TXT"})
  void statusAndFlagsEqualDigs(String name, String type) throws Exception {
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    DnsResult r = ask(name).type(type).run();
    DnsHeader h = r.header().orElseThrow();
    String ours = h.rcode() + " " + h.flags().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
    assertThat(ours).isEqualTo(Dig.statusAndFlags(nsd.ip(), nsd.port(), name, type));
  }

  @ParameterizedTest
  @CsvSource({"example.test, A", "missing.example.test, A", "example.test, NS", "_sip._tcp.example.test, SRV",
      "example.test, DNSKEY", "big.example.test, TXT", "nodata.example.test, AAAA"})
  void digTextEqualsDigsOutput(String name, String type) throws Exception {
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    DnsResult r = ask(name).type(type).run();
    assertThat(Dig.mask(ClassicText.render(r))).isEqualTo(Dig.fullOutput(nsd.ip(), nsd.port(), name, type, "+nsid"));
  }

  @Test
  void serverByHostName() {
    DnsResult r = client.dns("example.test").server("localhost", nsd.port()).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.server().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void headerEdnsAndTimingAreReported() {
    DnsResult r = ask("example.test").run();
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.header().orElseThrow().flags()).contains(DnsFlag.QR, DnsFlag.AA, DnsFlag.RD)
        .doesNotContain(DnsFlag.TC);
    assertThat(r.header().orElseThrow().rcode()).isEqualTo("NOERROR");
    assertThat(r.header().orElseThrow().opcode()).isEqualTo("QUERY");
    assertThat(r.edns().orElseThrow().nsid()).contains("netprobe-test");
    assertThat(r.transport()).contains(DnsTransport.UDP);
    assertThat(r.server()).contains(nsd.address());
    assertThat(r.queryTime()).isPresent();
    assertThat(r.messageSize().getAsInt()).isGreaterThan(30);
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.10");
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void answerTooBigForUdpIsFetchedOverTcp() throws Exception {
    DnsResult r = ask("big.example.test").type(RecordType.TXT).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.transport()).contains(DnsTransport.TCP);
    assertThat(r.answers()).hasSize(31);
    assertThat(r.messageSize().getAsInt()).isGreaterThan(1232);
    assertThat(r.attempts()).isEqualTo(2);
    if (Dig.installed()) {
      assertThat(r.answers().stream().map(a -> Dig.normalize(a.toString())).toList())
          .containsExactlyInAnyOrderElementsOf(
              Dig.records(nsd.ip(), nsd.port(), "big.example.test", "TXT", "+noall", "+answer"));
    }
  }

  @Test
  void forcedTcp() {
    DnsResult r = ask("example.test").type("MX").tcp().run();
    assertThat(r.transport()).contains(DnsTransport.TCP);
    assertThat(r.answers()).extracting(a -> a.mxPreference().getAsInt()).containsExactlyInAnyOrder(10, 20);
  }

  @Test
  void nxdomainCarriesTheSoa() throws Exception {
    DnsResult r = ask("missing.example.test").run();
    assertThat(r.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.rcode()).contains("NXDOMAIN");
    assertThat(r.authority()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(RecordType.SOA);
      assertThat(a.soa().orElseThrow().serial()).isEqualTo(2026112401L);
    });
    if (Dig.installed()) {
      assertThat(r.authority().stream().map(a -> Dig.normalize(a.toString())).toList())
          .isEqualTo(Dig.records(nsd.ip(), nsd.port(), "missing.example.test", "A", "+noall", "+authority"));
    }
  }

  @Test
  void nodataIsNotNxdomain() {
    DnsResult r = ask("nodata.example.test").type(RecordType.AAAA).run();
    assertThat(r.failureKind()).contains(FailureKind.NO_DATA);
    assertThat(r.rcode()).contains("NOERROR");
    assertThat(r.answers()).isEmpty();
    assertThat(r.authority()).extracting(DnsAnswer::type).containsExactly(RecordType.SOA);
  }

  @Test
  void reverseLookupOfAnAddress() {
    DnsResult r = client.dns("192.0.2.10").server(nsd.ip(), nsd.port()).run();
    assertThat(r.query().name()).isEqualTo("10.2.0.192.in-addr.arpa");
    assertThat(r.answers()).singleElement().satisfies(a -> assertThat(a.target()).contains("example.test."));
  }

  @Test
  void refusedForAZoneNsdDoesNotServe() {
    DnsResult r = ask("example.org").run();
    assertThat(r.failureKind()).contains(FailureKind.REFUSED);
  }

  @Test
  void typedAccessorsReadTheData() {
    DnsResult txt = ask("example.test").type("TXT").run();
    assertThat(txt.answers()).anySatisfy(a -> assertThat(a.txtStrings()).containsExactly("v=spf1 -all"));
    assertThat(txt.answers()).anySatisfy(a -> assertThat(a.txtStrings())
        .containsExactly("two", "strings with \"quotes\" and \\ and caf\u00c3\u00a9"));
    DnsResult soa = ask("example.test").type("SOA").run();
    assertThat(soa.answers().get(0).soa().orElseThrow().primaryNameServer()).isEqualTo("ns1.example.test.");
    DnsResult cname = ask("www.example.test").type("A").run();
    assertThat(cname.answers().get(0).target()).contains("example.test.");
    assertThat(cname.addresses()).hasSize(1);
  }

  @Test
  void chaosClassAsksTheServerItselfLikeDigCh() throws Exception {
    DnsResult r = ask("version.server").type("TXT").dnsClass(io.netprobe.dns.DnsClass.CH).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.answers()).singleElement().satisfies(a -> {
      assertThat(a.dnsClass()).isEqualTo("CH");
      assertThat(a.data()).contains("NSD");
    });
    // the same name in class IN is outside NSD's zones
    assertThat(ask("version.server").type("TXT").run().answers()).isEmpty();
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    List<String> dig = Dig.records(nsd.ip(), nsd.port(), "version.server", "TXT", "CH", "+noall", "+answer");
    assertThat(r.answers().stream().map(a -> Dig.normalize(a.toString())).toList()).isEqualTo(dig);
  }
}
