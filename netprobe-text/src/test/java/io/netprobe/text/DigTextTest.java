package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.answer;
import static io.netprobe.text.Fixtures.header;
import static io.netprobe.text.Fixtures.query;
import static io.netprobe.text.Fixtures.record;
import static io.netprobe.text.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.EdnsInfo;
import io.netprobe.dns.RecordType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dig's text: the full response in BIND's columns, the command-line form, +short and the summary. */
class DigTextTest {
  static final InetSocketAddress NS = server("127.0.0.1", 5353);
  static final DnsSpec WWW_A = query("www.example.test", RecordType.A, NS);
  static final ZoneId UTC = ZoneId.of("UTC");

  static DnsResult full() {
    return DnsResult.builder(WWW_A).server(NS).transport(DnsTransport.TCP).queryTime(Duration.ofMillis(7))
        .messageSize(187).header(header("NOERROR", DnsFlag.QR, DnsFlag.AA, DnsFlag.RD))
        .edns(new EdnsInfo(1232, 0, true, Optional.of("ns1"),
            List.of(new EdnsInfo.ExtendedDnsError(18, "Prohibited", ""),
                new EdnsInfo.ExtendedDnsError(22, "No Reachable Authority", "at delegation example."))))
        .answers(List.of(record("www.example.test.", 300, RecordType.CNAME, "example.test."),
            record("example.test.", 300, RecordType.A, "192.0.2.10"),
            record("example.test.", 300, RecordType.A, "192.0.2.11")))
        .authority(List.of(record("example.test.", 86400, RecordType.NS, "ns1.example.test.")))
        .additional(List.of(record("ns1.example.test.", 86400, RecordType.AAAA, "2001:db8::53")))
        .backend("test").started(T0).elapsed(Duration.ofMillis(9)).build();
  }

  @Test
  void aResponseIsPrintedAsDig918LaysItOut() {
    assertThat(DigText.render(full(), UTC)).isEqualTo("""
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 3, AUTHORITY: 1, ADDITIONAL: 2
        ;; WARNING: recursion requested but not available

        ;; OPT PSEUDOSECTION:
        ; EDNS: version: 0, flags: do; udp: 1232
        ; NSID: 6e 73 31 ("ns1")
        ; EDE: 18 (Prohibited)
        ; EDE: 22 (No Reachable Authority): (at delegation example.)
        ;; QUESTION SECTION:
        ;www.example.test.\t\tIN\tA

        ;; ANSWER SECTION:
        www.example.test.\t300\tIN\tCNAME\texample.test.
        example.test.\t\t300\tIN\tA\t192.0.2.10
        example.test.\t\t300\tIN\tA\t192.0.2.11

        ;; AUTHORITY SECTION:
        example.test.\t\t86400\tIN\tNS\tns1.example.test.

        ;; ADDITIONAL SECTION:
        ns1.example.test.\t86400\tIN\tAAAA\t2001:db8::53

        ;; Query time: 7 msec
        ;; SERVER: 127.0.0.1#5353(127.0.0.1) (TCP)
        ;; WHEN: Tue Nov 24 09:30:00 UTC 2026
        ;; MSG SIZE  rcvd: 187
        """);
  }

  /** The lines below are copied from dig 9.18.49's output for the same records, tabs as dig printed them. */
  @Test
  void longNamesGetSpacesWhereTheyPassAColumnAsInDig() {
    String longName = "a-rather-long-name-for-the-columns.example.test";
    DnsResult txt = answer(query(longName, RecordType.TXT, NS), NS, record(longName + ".", 300, RecordType.TXT,
        "\"v=spf1 -all\""));
    assertThat(DigText.render(txt, UTC)).contains(
        ";a-rather-long-name-for-the-columns.example.test. IN TXT\n",
        "a-rather-long-name-for-the-columns.example.test. 300 IN\tTXT \"v=spf1 -all\"\n");
    String name39 = "exactly-twenty-five-chars.example.test";
    DnsResult a = answer(query(name39, RecordType.A, NS), NS, record(name39 + ".", 300, RecordType.A, "192.0.2.5"));
    assertThat(DigText.render(a, UTC)).contains(
        ";exactly-twenty-five-chars.example.test.\tIN A\n",
        "exactly-twenty-five-chars.example.test.\t300 IN A 192.0.2.5\n");
  }

  @Test
  void recursionAvailableNeedsNoWarningAndAMissingQueryTimeIsZero() {
    DnsResult r = DnsResult.builder(WWW_A).server(NS).header(header("NXDOMAIN", DnsFlag.QR, DnsFlag.RD, DnsFlag.RA))
        .authority(List.of(record("example.test.", 3600, RecordType.SOA,
            "ns1.example.test. admin.example.test. 1 7200 3600 1209600 300")))
        .started(T0).failure(ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "www.example.test does not exist")).build();
    assertThat(DigText.render(r, UTC)).isEqualTo("""
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4242
        ;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0

        ;; QUESTION SECTION:
        ;www.example.test.\t\tIN\tA

        ;; AUTHORITY SECTION:
        example.test.\t\t3600\tIN\tSOA\tns1.example.test. admin.example.test. 1 7200 3600 1209600 300

        ;; Query time: 0 msec
        ;; SERVER: 127.0.0.1#5353(127.0.0.1) (UDP)
        ;; WHEN: Tue Nov 24 09:30:00 UTC 2026
        """);
  }

  @Test
  void withoutAResponseTheFailureIsOneCommentLine() {
    DnsResult timeout = DnsResult.builder(WWW_A).started(T0)
        .failure(ProbeFailure.of(FailureKind.TIMEOUT, "no answer from 127.0.0.1#5353 within 5 s")).build();
    assertThat(DigText.render(timeout)).isEqualTo(";; TIMEOUT: no answer from 127.0.0.1#5353 within 5 s\n");
    assertThat(DigText.render(timeout, "@127.0.0.1 -p 5353 www.example.test"))
        .isEqualTo("; <<>> netprobe dig <<>> @127.0.0.1 -p 5353 www.example.test\n"
            + ";; TIMEOUT: no answer from 127.0.0.1#5353 within 5 s\n");
    assertThat(DigText.renderShort(timeout)).isEmpty();
    assertThat(DigText.summary(timeout)).isEqualTo("TIMEOUT: no answer from 127.0.0.1#5353 within 5 s");
  }

  @Test
  void theCommandLineFormHasDigsFirstLineAndEndsWithABlankLine() {
    String out = DigText.render(full(), "@127.0.0.1 -p 5353 www.example.test");
    assertThat(out).startsWith("; <<>> netprobe dig <<>> @127.0.0.1 -p 5353 www.example.test\n;; Got answer:\n")
        .endsWith(";; MSG SIZE  rcvd: 187\n\n");
    assertThat(out).isEqualTo("; <<>> netprobe dig <<>> @127.0.0.1 -p 5353 www.example.test\n"
        + DigText.render(full()) + "\n");
  }

  @Test
  void shortFormIsTheDataOfEveryAnswerRecord() {
    assertThat(DigText.renderShort(full())).isEqualTo("example.test.\n192.0.2.10\n192.0.2.11\n");
  }

  @Test
  void summaryNamesTheChainTheRecordsTheTtlAndTheServer() {
    assertThat(DigText.summary(full()))
        .isEqualTo("CNAME example.test.; A 192.0.2.10, 192.0.2.11 (TTL 300) from 127.0.0.1#5353");
    DnsSpec onPort53 = query("example.test", RecordType.AAAA, server("::1", 53));
    assertThat(DigText.summary(answer(onPort53, server("::1", 53), record("example.test.", 60, RecordType.AAAA,
        "2001:db8::1")))).isEqualTo("AAAA 2001:db8::1 (TTL 60) from ::1");
  }

  @Test
  void summaryOfNodataNxdomainAndAnUnansweredServer() {
    DnsResult nodata = DnsResult.builder(WWW_A).header(header("NOERROR", DnsFlag.QR, DnsFlag.AA))
        .failure(ProbeFailure.of(FailureKind.NO_DATA, "no A records")).build();
    assertThat(DigText.summary(nodata)).isEqualTo("status: NOERROR, no A records");
    DnsResult nx = DnsResult.builder(WWW_A).header(header("NXDOMAIN", DnsFlag.QR, DnsFlag.AA))
        .failure(ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "www.example.test does not exist")).build();
    assertThat(DigText.summary(nx))
        .isEqualTo("status: NXDOMAIN — NAME_NOT_FOUND: www.example.test does not exist");
    assertThat(ClassicText.summary(nx)).isEqualTo(DigText.summary(nx));
    assertThat(ClassicText.render(nx)).isEqualTo(DigText.render(nx));
  }

  @Test
  void anUnresolvedServerIsShownByName() {
    InetSocketAddress named = InetSocketAddress.createUnresolved("ns.example.test", 53);
    DnsResult r = answer(WWW_A, named, record("www.example.test.", 30, RecordType.A, "192.0.2.1"));
    assertThat(DigText.render(r, UTC)).contains(";; SERVER: ns.example.test#53(ns.example.test) (UDP)\n");
    assertThat(DigText.summary(r)).isEqualTo("A 192.0.2.1 (TTL 30) from ns.example.test");
  }
}
