package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IP-to-ASN files in iptoasn.com's TSV, DB-IP's CSV and a prefix list. */
class AsnTableTest {
  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void readsIptoasnTsvWithCountryAndDescription() throws Exception {
    AsnTable t = AsnTable.read(new StringReader("""
        1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET
        1.0.1.0\t1.0.3.255\t0\tNone\tNot routed
        2001:db8::\t2001:db8:ffff:ffff:ffff:ffff:ffff:ffff\t64501\tZZ\tDOC-V6
        """));
    assertThat(t.lookup(ip("1.0.0.77"))).contains(new AsInfo(13335, Optional.of("US"), Optional.of("CLOUDFLARENET")));
    assertThat(t.lookup(ip("1.0.2.1"))).as("AS 0 is not routed").isEmpty();
    assertThat(t.lookup(ip("1.0.4.1"))).isEmpty();
    assertThat(t.lookup(ip("0.0.0.1"))).isEmpty();
    assertThat(t.lookup(ip("2001:db8::1")).map(AsInfo::asn)).contains(64501L);
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void readsDbIpCsvAndPrefixesWithTheNarrowestWinning() throws Exception {
    AsnTable t = AsnTable.read(new StringReader("""
        # DB-IP style
        10.0.0.0,10.255.255.255,64500,Big Private Net
        # prefixes nest
        10.78.0.0/16,AS64510,lab
        10.78.1.0/24,64511
        """));
    assertThat(t.lookup(ip("10.1.2.3"))).contains(new AsInfo(64500, Optional.empty(), Optional.of("Big Private Net")));
    assertThat(t.lookup(ip("10.78.9.9")).map(AsInfo::asn)).contains(64510L);
    assertThat(t.lookup(ip("10.78.1.2"))).contains(new AsInfo(64511, Optional.empty(), Optional.empty()));
  }

  @Test
  void readsGzipFilesAndRejectsGarbageNamingTheLine(@TempDir Path dir) throws Exception {
    Path gz = dir.resolve("ip2asn-v4.tsv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write("192.0.2.0\t192.0.2.255\t64496\tZZ\tTEST-NET-1\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(gz, bytes.toByteArray());
    assertThat(AsnTable.load(gz).lookup(ip("192.0.2.1")).map(AsInfo::asn)).contains(64496L);
    assertThatThrownBy(() -> AsnTable.read(new StringReader("1.0.0.0\t1.0.0.255\t1\n\nexample.com,2,3\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3")
        .hasMessageContaining("not an IP address");
  }
}
