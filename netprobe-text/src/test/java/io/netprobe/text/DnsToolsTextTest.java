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
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecStatus;
import io.netprobe.dns.RecordType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text of dig +trace, the fan-out, DNSSEC validation and batches. */
class DnsToolsTextTest {
  static final InetSocketAddress ROOT = server("127.0.0.1", 5354);
  static final InetSocketAddress TLD = server("127.0.0.2", 5354);
  static final InetSocketAddress AUTH = server("127.0.0.3", 5354);
  static final DnsSpec WWW = query("www.example.test", RecordType.A);

  static DnsResult referral(InetSocketAddress from, String zone, String ns, int size) {
    return DnsResult.builder(WWW).server(from).messageSize(size).header(header("NOERROR", DnsFlag.QR))
        .authority(List.of(record(zone, 172800, RecordType.NS, ns)))
        .additional(List.of(record(ns, 172800, RecordType.A, "127.0.0.9"))).started(T0).build();
  }

  static DnsTraceResult trace() {
    DnsResult fromRoot = referral(ROOT, "test.", "ns.test.", 90);
    DnsResult fromTld = referral(TLD, "example.test.", "ns1.example.test.", 110);
    DnsResult timeout = DnsResult.builder(WWW).server(AUTH).started(T0)
        .failure(ProbeFailure.of(FailureKind.TIMEOUT, "no answer from 127.0.0.3#5354")).build();
    DnsResult answer = answer(WWW, AUTH, record("www.example.test.", 300, RecordType.A, "192.0.2.10"));
    List<DnsTraceStep> steps = List.of(
        new DnsTraceStep(".", "a.root.test.", ROOT, DnsTraceStep.Kind.REFERRAL, List.of("ns.test."), fromRoot,
            Duration.ofMillis(1)),
        new DnsTraceStep("test.", "ns.test.", TLD, DnsTraceStep.Kind.REFERRAL, List.of("ns1.example.test."), fromTld,
            Duration.ofMillis(2)),
        new DnsTraceStep("example.test.", "ns2.example.test.", AUTH, DnsTraceStep.Kind.FAILED, List.of(), timeout,
            Duration.ofMillis(500)),
        new DnsTraceStep("example.test.", "ns1.example.test.", AUTH, DnsTraceStep.Kind.ANSWER, List.of(), answer,
            Duration.ofMillis(3)));
    return new DnsTraceResult(WWW, steps, Optional.of(answer), "test", T0, Duration.ofMillis(506), Optional.empty());
  }

  @Test
  void traceShowsEachStepsRecordsAndWhereTheyCameFrom() {
    assertThat(ClassicText.render(trace())).isEqualTo("""
        test.\t\t\t172800\tIN\tNS\tns.test.
        ;; Received 90 bytes from 127.0.0.1#5354(a.root.test.) in 1 ms

        example.test.\t\t172800\tIN\tNS\tns1.example.test.
        ;; Received 110 bytes from 127.0.0.2#5354(ns.test.) in 2 ms

        ;; failed at 127.0.0.3#5354(ns2.example.test.): TIMEOUT: no answer from 127.0.0.3#5354

        www.example.test.\t300\tIN\tA\t192.0.2.10
        ;; Received 64 bytes from 127.0.0.3#5354(ns1.example.test.) in 3 ms

        """);
    assertThat(ClassicText.summary(trace()))
        .isEqualTo("via . → test. → example.test.: A 192.0.2.10 (TTL 300) from 127.0.0.3#5354");
  }

  @Test
  void aTraceThatFailsBeforeAnyStepIsItsFailure() {
    DnsTraceResult r = new DnsTraceResult(WWW, List.of(), Optional.empty(), "test", T0, Duration.ZERO,
        Optional.of(ProbeFailure.of(FailureKind.NETWORK_ERROR, "no root servers")));
    assertThat(ClassicText.render(r)).isEqualTo(";; NETWORK_ERROR: no root servers\n");
    assertThat(ClassicText.summary(r)).isEqualTo("NETWORK_ERROR: no root servers");
  }

  @Test
  void fanOutShowsEachServersAnswerThenTheVerdict() {
    InetSocketAddress google = server("8.8.8.8", 53);
    InetSocketAddress local = server("127.0.0.1", 5353);
    InetSocketAddress silent = server("192.0.2.53", 53);
    DnsSpec q = query("www.example.test", RecordType.A, google, local, silent);
    DnsResult nx = DnsResult.builder(q).server(local).header(header("NXDOMAIN", DnsFlag.QR, DnsFlag.AA))
        .failure(ProbeFailure.of(FailureKind.NAME_NOT_FOUND)).build();
    DnsResult none = DnsResult.builder(q).failure(ProbeFailure.of(FailureKind.TIMEOUT, "no answer")).build();
    DnsFanOutResult r = new DnsFanOutResult(q, List.of(answer(q, google, record("www.example.test.", 300,
        RecordType.A, "192.0.2.10")), nx, none), "test", T0, Duration.ofSeconds(5), Optional.empty());
    String verdict = "8.8.8.8, 127.0.0.1#5353 and 192.0.2.53 disagree on www.example.test A: 8.8.8.8 says "
        + "192.0.2.10; 127.0.0.1#5353 says NXDOMAIN; 192.0.2.53 says no answer (TIMEOUT)";
    assertThat(ClassicText.render(r)).isEqualTo(";; 8.8.8.8: status: NOERROR\n"
        + "www.example.test.\t300\tIN\tA\t192.0.2.10\n\n"
        + ";; 127.0.0.1#5353: status: NXDOMAIN\n\n"
        + ";; 192.0.2.53: TIMEOUT: no answer\n\n"
        + verdict + "\n");
    assertThat(ClassicText.summary(r)).isEqualTo(verdict);
  }

  @Test
  void serversThatAgreeAreNamedOnce() {
    InetSocketAddress a = server("192.0.2.1", 53);
    InetSocketAddress b = server("192.0.2.2", 53);
    DnsSpec q = query("www.example.test", RecordType.A, a, b);
    DnsFanOutResult r = new DnsFanOutResult(q, List.of(
        answer(q, a, record("www.example.test.", 300, RecordType.A, "192.0.2.10")),
        answer(q, b, record("www.example.test.", 60, RecordType.A, "192.0.2.10"))), "test", T0, Duration.ZERO,
        Optional.empty());
    assertThat(ClassicText.summary(r)).isEqualTo("192.0.2.1 and 192.0.2.2 agree on www.example.test A: 192.0.2.10");
  }

  @Test
  void validationInDelvsWords() {
    DnsResult signed = answer(WWW, AUTH, record("www.example.test.", 300, RecordType.A, "192.0.2.10"),
        record("www.example.test.", 300, RecordType.RRSIG, "A 13 3 300 20270101000000 20261101000000 1234 "
            + "example.test. c2lnbmF0dXJl"));
    DnsValidationResult secure = new DnsValidationResult(WWW, signed, Optional.of(DnssecStatus.SECURE),
        Optional.empty(), "test", T0, Duration.ofMillis(20), Optional.empty());
    assertThat(ClassicText.render(secure)).isEqualTo("""
        ; fully validated
        www.example.test.\t300\tIN\tA\t192.0.2.10
        www.example.test.\t300\tIN\tRRSIG\tA 13 3 300 20270101000000 20261101000000 1234 example.test. c2lnbmF0dXJl
        """);
    assertThat(ClassicText.summary(secure)).isEqualTo("DNSSEC SECURE: RRSIG A 13 3 300 20270101000000 "
        + "20261101000000 1234 example.test. c2lnbmF0dXJl; A 192.0.2.10 (TTL 300) from 127.0.0.3#5354");

    DnsResult servfail = DnsResult.builder(WWW).server(AUTH).header(header("SERVFAIL", DnsFlag.QR))
        .failure(ProbeFailure.of(FailureKind.SERVER_FAILURE, "bogus: signature expired")).build();
    DnsValidationResult bogus = new DnsValidationResult(WWW, servfail, Optional.of(DnssecStatus.BOGUS),
        Optional.of("signature expired"), "test", T0, Duration.ofMillis(20),
        Optional.of(ProbeFailure.of(FailureKind.SERVER_FAILURE, "bogus: signature expired")));
    assertThat(ClassicText.render(bogus)).isEqualTo("""
        ; validation failed (bogus)
        ; reason: signature expired
        ;; SERVER_FAILURE: bogus: signature expired
        """);
    assertThat(ClassicText.summary(bogus)).isEqualTo("DNSSEC BOGUS (signature expired): status: SERVFAIL — "
        + "SERVER_FAILURE: bogus: signature expired");

    DnsResult plain = answer(WWW, AUTH, record("www.example.test.", 300, RecordType.A, "192.0.2.10"));
    DnsValidationResult insecure = new DnsValidationResult(WWW, plain, Optional.of(DnssecStatus.INSECURE),
        Optional.of("no DS for example.test."), "test", T0, Duration.ofMillis(20), Optional.empty());
    assertThat(ClassicText.render(insecure)).startsWith("; unsigned answer\n; reason: no DS for example.test.\n");

    DnsValidationResult unsupported = new DnsValidationResult(WWW, plain, Optional.empty(), Optional.empty(), "fake",
        T0, Duration.ZERO, Optional.of(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "needs dnsjava")));
    assertThat(ClassicText.render(unsupported)).isEqualTo("; not validated\n"
        + "www.example.test.\t300\tIN\tA\t192.0.2.10\n;; UNSUPPORTED_PLATFORM: needs dnsjava\n");
    assertThat(ClassicText.summary(unsupported)).isEqualTo("DNSSEC not validated: UNSUPPORTED_PLATFORM: needs dnsjava");
  }

  @Test
  void batchIsOneLinePerQuestionThenTheCounts() {
    DnsSpec a = query("a.example.test", RecordType.A, AUTH);
    DnsSpec b = query("b.example.test", RecordType.A, AUTH);
    DnsSpec c = query("c.example.test", RecordType.A, AUTH);
    DnsResult nx = DnsResult.builder(b).server(AUTH).header(header("NXDOMAIN", DnsFlag.QR, DnsFlag.AA))
        .failure(ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "b.example.test does not exist")).build();
    DnsResult timeout = DnsResult.builder(c).failure(ProbeFailure.of(FailureKind.TIMEOUT, "no answer")).build();
    DnsBatchResult r = new DnsBatchResult(List.of(answer(a, AUTH, record("a.example.test.", 60, RecordType.A,
        "192.0.2.1")), nx, timeout), "test", T0, Duration.ofMillis(500), Optional.empty());
    assertThat(ClassicText.render(r)).isEqualTo("""
        a.example.test A: A 192.0.2.1 (TTL 60) from 127.0.0.3#5354
        b.example.test A: status: NXDOMAIN — NAME_NOT_FOUND: b.example.test does not exist
        c.example.test A: TIMEOUT: no answer
        ;; 3 questions: 1 answered with records, TIMEOUT 1, NAME_NOT_FOUND 1; 4 queries/s
        """);
    DnsBatchResult failed = new DnsBatchResult(List.of(), "test", T0, Duration.ZERO,
        Optional.of(ProbeFailure.of(FailureKind.NETWORK_ERROR, "no servers in resolv.conf")));
    assertThat(ClassicText.summary(failed)).isEqualTo("NETWORK_ERROR: no servers in resolv.conf");
    assertThat(ClassicText.render(failed)).isEqualTo(";; NETWORK_ERROR: no servers in resolv.conf\n");
  }
}
