package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecProblem;
import io.netprobe.dns.DnssecProblem.Kind;
import io.netprobe.dns.DnssecStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why an answer is bogus, next to delv's words, on a signed hierarchy the test builds with ldns-keygen and
 * ldns-signzone and serves with NSD on 127.0.0.1: a signed root (the trust anchor) delegating, with DS records, to
 * {@code secure.}, {@code expired.} (signatures from 2019), {@code future.} (signatures valid from 2030),
 * {@code altered.} (an A record changed after signing), {@code nosig.} (an RRSIG removed), {@code mismatch.} (the
 * root's DS names another key), {@code nodenial.} (the NSEC chain removed), {@code nsec3.} (NSEC3, hashed
 * denial), {@code nsec3broken.} (the NSEC3 chain removed, NSEC3PARAM kept) and {@code wildbroken.} (a wildcard whose
 * expansion loses the NSEC that proves the queried name does not exist).
 */
class DnssecReasonsIT {
  static final Path DELV = Path.of("/usr/bin/delv");
  static final String SOA = " IN SOA ns.root. hostmaster.root. 1 7200 3600 1209600 300\n";

  @TempDir static Path dir;
  static Nsd nsd;
  static ProbeClient client;
  static String rootAnchor;
  static Path delvAnchor;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Nsd.installed(), "nsd is not installed (apt-get install nsd)");
    Assumptions.assumeTrue(Ldns.installed(), "ldns-signzone is not installed (apt-get install ldnsutils)");
    Map<String, String> zones = new LinkedHashMap<>();
    StringBuilder root = new StringBuilder("$ORIGIN .\n$TTL 300\n." + SOA + ". IN NS ns.root.\n"
        + "ns.root. IN A 127.0.0.1\n");
    child(zones, root, "secure", s -> s);
    child(zones, root, "expired", s -> s, "-i", "20190101000000", "-e", "20200101000000");
    child(zones, root, "future", s -> s, "-i", "20300101000000", "-e", "20310101000000");
    child(zones, root, "altered", s -> s.replaceAll("(?m)^(www\\.altered\\.\\s+300\\s+IN\\s+A\\s+)192\\.0\\.2\\.1$",
        "$1192.0.2.66"));
    child(zones, root, "nosig", s -> s.replaceAll("(?m)^www\\.nosig\\.\\s.*RRSIG\\s+A\\s.*\\n", ""));
    child(zones, root, "nodenial", s -> s.replaceAll("(?m)^.*\\s(NSEC|RRSIG\\s+NSEC)\\s.*\\n", ""));
    child(zones, root, "nsec3", s -> s, "-n");
    child(zones, root, "nsec3broken", s -> s.replaceAll("(?m)^.*\\s(NSEC3|RRSIG\\s+NSEC3)\\s.*\\n", ""), "-n");
    child(zones, root, "wild", s -> s);
    child(zones, root, "wildbroken", s -> s.replaceAll("(?m)^.*\\s(NSEC|RRSIG\\s+NSEC)\\s.*\\n", ""));
    Path mismatchDir = Files.createDirectories(dir.resolve("mismatch-other"));
    Ldns.Keys other = Ldns.keygen(mismatchDir, "mismatch.");
    Path mDir = Files.createDirectories(dir.resolve("mismatch"));
    Ldns.Keys mismatch = Ldns.keygen(mDir, "mismatch.");
    zones.put("mismatch", Ldns.sign(mismatch, childZone("mismatch")));
    root.append("mismatch. IN NS ns.root.\n").append(other.ds()).append('\n');

    Path rootDir = Files.createDirectories(dir.resolve("root"));
    Ldns.Keys rootKeys = Ldns.keygen(rootDir, ".");
    Map<String, String> all = new LinkedHashMap<>();
    all.put(".", Ldns.sign(rootKeys, root.toString()));
    all.putAll(zones);
    rootAnchor = rootKeys.dnskey();
    delvAnchor = Files.writeString(dir.resolve("delv-anchor.conf"), rootKeys.delvAnchor());
    nsd = Nsd.start("127.0.0.1", all);
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(10)).build();
  }

  private static void child(Map<String, String> zones, StringBuilder root, String name,
      java.util.function.UnaryOperator<String> tamper, String... options) throws Exception {
    Ldns.Keys keys = Ldns.keygen(Files.createDirectories(dir.resolve(name)), name + ".");
    zones.put(name, tamper.apply(Ldns.sign(keys, childZone(name), options)));
    root.append(name).append(". IN NS ns.root.\n").append(keys.ds()).append('\n');
  }

  private static String childZone(String name) {
    return "$ORIGIN " + name + ".\n$TTL 300\n@" + SOA + "@ IN NS ns.root.\nwww IN A 192.0.2.1\n"
        + "mail IN A 192.0.2.2\n" + (name.startsWith("wild") ? "* IN A 192.0.2.9\n" : "");
  }

  @AfterAll
  static void stop() {
    if (nsd != null) {
      nsd.close();
    }
  }

  private DnsValidationResult validate(String name, String type) {
    return client.dns(name).type(type).server(nsd.ip(), nsd.port()).validate().trustAnchor(rootAnchor).run();
  }

  /** delv's whole output (it prints its reasons on stderr) for the same question, server and anchor. */
  private String delv(String name, String type) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(DELV), "delv is not installed (apt-get install bind9-dnsutils)");
    Process p = new ProcessBuilder(DELV.toString(), "@" + nsd.ip(), "-p", String.valueOf(nsd.port()), "-a",
        delvAnchor.toString(), name, type).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private DnssecProblem bogus(String name, String type, String delvSays) throws Exception {
    DnsValidationResult r = validate(name, type);
    String delv = delv(name, type);
    assertThat(delv).as("delv").contains(delvSays);
    assertThat(r.status()).as(delv).contains(DnssecStatus.BOGUS);
    DnssecProblem p = r.problem().orElseThrow(() -> new AssertionError("no problem named: " + r.reason()));
    assertThat(r.reason()).contains(p.describe());
    assertThat(r.failure().orElseThrow().message()).contains(p.kind().phrase());
    return p;
  }

  @Test
  void aSignedZoneIsSecureForBoth() throws Exception {
    DnsValidationResult r = validate("www.secure", "A");
    assertThat(r.status()).contains(DnssecStatus.SECURE);
    assertThat(r.problem()).isEmpty();
    assertThat(delv("www.secure", "A")).startsWith("; fully validated");
    DnsValidationResult nx = validate("nope.secure", "A");
    assertThat(nx.status()).contains(DnssecStatus.SECURE);
    assertThat(delv("nope.secure", "A")).contains("; negative response, fully validated");
  }

  @Test
  void expiredSignatures() throws Exception {
    DnssecProblem p = bogus("www.expired", "A", "RRSIG has expired");
    assertThat(p.kind()).isEqualTo(Kind.SIGNATURE_EXPIRED);
    assertThat(p.zone()).isEqualTo("expired.");
    assertThat(p.rrset()).isEqualTo("expired./DNSKEY");
    assertThat(p.detail()).contains("expired at 2020-01-01T00:00:00Z");
  }

  @Test
  void signaturesNotYetValid() throws Exception {
    DnssecProblem p = bogus("www.future", "A", "RRSIG validity period has not begun");
    assertThat(p.kind()).isEqualTo(Kind.SIGNATURE_NOT_YET_VALID);
    assertThat(p.zone()).isEqualTo("future.");
    assertThat(p.detail()).contains("valid only from 2030-01-01T00:00:00Z");
  }

  @Test
  void dataAlteredAfterSigning() throws Exception {
    DnssecProblem p = bogus("www.altered", "A", "RRSIG failed to verify");
    assertThat(p.kind()).isEqualTo(Kind.SIGNATURE_INVALID);
    assertThat(p.zone()).isEqualTo("altered.");
    assertThat(p.rrset()).isEqualTo("www.altered./A");
    assertThat(validate("mail.altered", "A").status()).as("the untouched record stays secure")
        .contains(DnssecStatus.SECURE);
  }

  @Test
  void aMissingSignature() throws Exception {
    // delv, finding no signature, tries to prove the set insecure and says that this failed
    DnssecProblem p = bogus("www.nosig", "A", "insecurity proof failed");
    assertThat(p.kind()).isEqualTo(Kind.MISSING_SIGNATURE);
    assertThat(p.zone()).isEqualTo("nosig.");
    assertThat(p.rrset()).isEqualTo("www.nosig./A");
  }

  @Test
  void aDsThatMatchesNoKey() throws Exception {
    DnssecProblem p = bogus("www.mismatch", "A", "no valid signature found (DS)");
    assertThat(p.kind()).isEqualTo(Kind.NO_DNSKEY_MATCHES_DS);
    assertThat(p.zone()).isEqualTo("mismatch.");
    assertThat(p.rrset()).isEqualTo("mismatch./DNSKEY");
    assertThat(p.detail()).contains("the DS names key tag").contains("none matches");
  }

  @Test
  void aDenialWithoutItsNsecProof() throws Exception {
    DnssecProblem p = bogus("nope.nodenial", "A", "resolution failed");
    assertThat(p.kind()).isEqualTo(Kind.DENIAL_NOT_PROVEN);
    assertThat(p.zone()).isEqualTo("nodenial.");
    assertThat(p.rrset()).isEqualTo("nope.nodenial./A");
  }

  @Test
  void anNsec3DenialIsSecureForBoth() throws Exception {
    DnsValidationResult nx = validate("nope.nsec3", "A");
    assertThat(nx.status()).as(String.valueOf(nx.reason())).contains(DnssecStatus.SECURE);
    assertThat(nx.problem()).isEmpty();
    assertThat(delv("nope.nsec3", "A")).contains("; negative response, fully validated");
    DnsValidationResult nodata = validate("www.nsec3", "TXT");
    assertThat(nodata.status()).as(String.valueOf(nodata.reason())).contains(DnssecStatus.SECURE);
    assertThat(delv("www.nsec3", "TXT")).contains("; negative response, fully validated");
  }

  @Test
  void aDenialWithoutItsNsec3Proof() throws Exception {
    DnssecProblem p = bogus("nope.nsec3broken", "A", "resolution failed");
    assertThat(p.kind()).isEqualTo(Kind.DENIAL_NOT_PROVEN);
    assertThat(p.zone()).isEqualTo("nsec3broken.");
    assertThat(p.rrset()).isEqualTo("nope.nsec3broken./A");
    assertThat(p.detail()).contains("NSEC3").contains("the name does not exist");
  }

  @Test
  void aWildcardAnswerIsSecureWithItsProof() throws Exception {
    DnsValidationResult r = validate("any.wild", "A");
    assertThat(r.status()).as(String.valueOf(r.reason())).contains(DnssecStatus.SECURE);
    assertThat(delv("any.wild", "A")).startsWith("; fully validated");
  }

  @Test
  void aWildcardAnswerWithoutItsProof() throws Exception {
    DnssecProblem p = bogus("any.wildbroken", "A", "resolution failed");
    assertThat(p.kind()).isEqualTo(Kind.DENIAL_NOT_PROVEN);
    assertThat(p.zone()).isEqualTo("wildbroken.");
    assertThat(p.rrset()).isEqualTo("any.wildbroken./A");
    assertThat(p.detail()).contains("wildcard expansion (any.wildbroken./A signed for *.wildbroken.)")
        .contains("no NSEC or NSEC3 record proves that the name does not exist");
  }
}
