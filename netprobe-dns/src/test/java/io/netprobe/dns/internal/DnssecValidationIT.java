package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsValidationRequest;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecStatus;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.FakeDnsBackend;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DNSSEC validation against a zone the test signs, served by NSD, with the zone key as trust anchor. */
class DnssecValidationIT {
  private static Nsd nsd;
  private static ZoneSigner.Signed signed;
  private static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Nsd.installed(), "nsd is not installed (apt-get install nsd)");
    signed = ZoneSigner.sign("signed.test.", List.of(
        "signed.test. 300 IN SOA ns1.signed.test. hostmaster.signed.test. 1 7200 3600 1209600 300",
        "signed.test. 300 IN NS ns1.signed.test.",
        "ns1.signed.test. 300 IN A 127.0.0.1",
        "www.signed.test. 300 IN A 192.0.2.53",
        "txt.signed.test. 300 IN TXT \"signed text\""));
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("signed.test", signed.zoneText());
    zones.putAll(TestZones.example("127.0.0.1"));
    nsd = Nsd.start("127.0.0.1", zones);
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (nsd != null) {
      nsd.close();
    }
  }

  private DnsValidationRequest validate(String name, String type) {
    return client.dns(name).type(type).server(nsd.ip(), nsd.port()).validate()
        .trustAnchor(signed.key().toString());
  }

  @Test
  void signedAnswerIsSecure() {
    DnsValidationResult r = validate("www.signed.test", "A").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(DnssecStatus.SECURE);
    assertThat(r.isSecure()).isTrue();
    DnsResult response = r.response();
    assertThat(response.header().orElseThrow().has(DnsFlag.AD)).isTrue();
    assertThat(response.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.53");
    assertThat(response.server()).contains(nsd.address());
    assertThat(response.additional()).noneMatch(a -> a.dnsClass().startsWith("CLASS"));
  }

  @Test
  void provenNonExistenceIsSecureNxdomainAndNodata() {
    DnsValidationResult missing = validate("nope.signed.test", "A").run();
    assertThat(missing.status()).contains(DnssecStatus.SECURE);
    assertThat(missing.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    DnsValidationResult nodata = validate("www.signed.test", "AAAA").run();
    assertThat(nodata.status()).contains(DnssecStatus.SECURE);
    assertThat(nodata.failureKind()).contains(FailureKind.NO_DATA);
  }

  @Test
  void wrongTrustAnchorIsBogusWithTheReason() throws Exception {
    String otherKey = ZoneSigner.newKey("signed.test.", new KeyPair[1]).toString();
    DnsValidationResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).validate()
        .trustAnchor(otherKey).run();
    assertThat(r.status()).contains(DnssecStatus.BOGUS);
    assertThat(r.failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("signed.test"));
    assertThat(r.failure().orElseThrow().message()).contains("bogus");
  }

  @Test
  void unsignedZoneOutsideTheAnchorIsInsecure() {
    DnsValidationResult r = validate("example.test", "A").run();
    assertThat(r.status()).contains(DnssecStatus.INSECURE);
    assertThat(r.failure()).isEmpty();
    assertThat(r.response().header().orElseThrow().has(DnsFlag.AD)).isFalse();
  }

  @Test
  void plainDnssecQueryShowsTheSignatures() {
    DnsResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(r.answers()).extracting(a -> a.type()).contains(RecordType.A, RecordType.RRSIG);
    assertThat(r.edns().orElseThrow().dnssecOk()).isTrue();
  }

  @Test
  void rrsigAndNsecDataEqualDigs() throws Exception {
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    DnsResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(r.answers().stream().map(a -> Dig.normalize(a.toString())).toList())
        .isEqualTo(Dig.records(nsd.ip(), nsd.port(), "www.signed.test", "A", "+dnssec", "+noall", "+answer"));
    DnsResult nsec = client.dns("nope.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(nsec.authority().stream().map(a -> Dig.normalize(a.toString())).toList())
        .isEqualTo(Dig.records(nsd.ip(), nsd.port(), "nope.signed.test", "A", "+dnssec", "+noall", "+authority"));
  }

  @Test
  void backendsWithoutAValidatorSaySo() {
    DnsValidationResult r = Probes.builder().backend(new FakeDnsBackend()).build().dns("www.signed.test")
        .validate().trustAnchor(signed.key().toString()).run();
    assertThat(r.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
  }
}
