package io.netprobe.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Host;
import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The published address ranges: the shipped list, block edges, and the file format. */
class RangeTableTest {
  private static final RangeTable SHIPPED = RangeTable.shipped();
  private static final LocalDate CLOUDFLARE_LIST = LocalDate.of(2026, 9, 29);
  private static final LocalDate FASTLY_LIST = LocalDate.of(2024, 12, 13);

  private static InetAddress ip(String literal) {
    return Host.of(literal).literal().orElseThrow();
  }

  private static Optional<String> cidrOf(String literal) {
    return SHIPPED.find(ip(literal)).map(EdgeRange::cidr);
  }

  private static RangeTable parse(String text) throws IOException {
    return RangeTable.parse("test.txt", new BufferedReader(new StringReader(text)));
  }

  @Test
  void shippedListsCarryTheirPublicationDates() {
    assertThat(SHIPPED.size()).isEqualTo(22 + 21);
    EdgeCatalog catalog = EdgeCatalog.shipped();
    assertThat(catalog.rangeCount()).isEqualTo(SHIPPED.size());
    assertThat(catalog.rangesPublishedOn(EdgeProvider.CLOUDFLARE)).contains(CLOUDFLARE_LIST);
    assertThat(catalog.rangesPublishedOn(EdgeProvider.FASTLY)).contains(FASTLY_LIST);
    assertThat(catalog.rangesPublishedOn(EdgeProvider.AKAMAI)).isEmpty();
    assertThat(SHIPPED.find(ip("151.101.1.57")))
        .contains(new EdgeRange(EdgeProvider.FASTLY, "151.101.0.0/16", FASTLY_LIST));
  }

  @Test
  void ipv4BlockEdgesOnAByteBoundaryAndInsideAByte() {
    assertThat(cidrOf("131.0.71.255")).isEmpty();
    assertThat(cidrOf("131.0.72.0")).contains("131.0.72.0/22");
    assertThat(cidrOf("131.0.75.255")).contains("131.0.72.0/22");
    assertThat(cidrOf("131.0.76.0")).isEmpty();

    assertThat(cidrOf("104.15.255.255")).isEmpty();
    assertThat(cidrOf("104.16.0.0")).contains("104.16.0.0/13");
    assertThat(cidrOf("104.23.255.255")).contains("104.16.0.0/13");
    assertThat(cidrOf("104.24.0.0")).contains("104.24.0.0/14");
    assertThat(cidrOf("104.27.255.255")).contains("104.24.0.0/14");
    assertThat(cidrOf("104.28.0.0")).isEmpty();
    assertThat(SHIPPED.find(ip("104.21.12.115")))
        .contains(new EdgeRange(EdgeProvider.CLOUDFLARE, "104.16.0.0/13", CLOUDFLARE_LIST));
  }

  @Test
  void ipv6BlockEdges() {
    assertThat(cidrOf("2a06:98bf:ffff:ffff:ffff:ffff:ffff:ffff")).isEmpty();
    assertThat(cidrOf("2a06:98c0::")).contains("2a06:98c0::/29");
    assertThat(cidrOf("2a06:98c7:ffff:ffff:ffff:ffff:ffff:ffff")).contains("2a06:98c0::/29");
    assertThat(cidrOf("2a06:98c8::")).isEmpty();

    assertThat(cidrOf("2606:4700:4700::1111")).contains("2606:4700::/32");
    assertThat(cidrOf("2606:4701::")).isEmpty();
    assertThat(SHIPPED.find(ip("2a04:4e42:200::313")))
        .contains(new EdgeRange(EdgeProvider.FASTLY, "2a04:4e42::/32", FASTLY_LIST));
  }

  @Test
  void addressFamiliesNeverMatchEachOther() {
    // 0x68 0x10 are the first bytes of 104.16.0.0/13, but an IPv6 address is not in an IPv4 block
    assertThat(cidrOf("6810::1")).isEmpty();
    // the JDK turns an IPv4-mapped IPv6 literal into the IPv4 address, which then matches
    assertThat(cidrOf("::ffff:104.16.0.1")).contains("104.16.0.0/13");
  }

  @Test
  void containsLooksOnlyAtTheNamedProvider() {
    assertThat(SHIPPED.contains(EdgeProvider.CLOUDFLARE, ip("172.67.152.70"))).isTrue();
    assertThat(SHIPPED.contains(EdgeProvider.CLOUDFLARE, ip("2a04:4e42::1"))).isFalse();
    assertThat(SHIPPED.contains(EdgeProvider.FASTLY, ip("2a04:4e42::1"))).isTrue();
    assertThat(SHIPPED.contains(EdgeProvider.CLOUDFLARE, ip("127.0.0.1"))).isFalse();
  }

  @Test
  void parsesWholeAndEmptyPrefixes() throws IOException {
    RangeTable r = parse("# comment\n\n@VARNISH 2025-01-31 https://example.test/\n192.0.2.7/32\n"
        + "@OTHER_PROXY 2025-02-01 x\n::/0\n");
    assertThat(r.size()).isEqualTo(2);
    assertThat(r.find(ip("192.0.2.7"))).contains(
        new EdgeRange(EdgeProvider.VARNISH, "192.0.2.7/32", LocalDate.of(2025, 1, 31)));
    assertThat(r.find(ip("192.0.2.8"))).isEmpty();
    assertThat(r.find(ip("2001:db8::1"))).map(EdgeRange::provider).contains(EdgeProvider.OTHER_PROXY);
  }

  @Test
  void rejectsMalformedListsNamingTheLine() {
    assertThatThrownBy(() -> parse("10.0.0.0/8\n")).hasMessageContaining("test.txt:1")
        .hasMessageContaining("before any @PROVIDER");
    assertThatThrownBy(() -> parse("@FASTLY\n10.0.0.0/8\n")).hasMessageContaining("no publication date");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01\n10.0.0.0/8\n")).hasMessageContaining("no source");
    assertThatThrownBy(() -> parse("@FASTLY 2024-13-01\n")).hasMessageContaining("2024-13-01 is not a date");
    assertThatThrownBy(() -> parse("@NOPE 2024-01-01\n")).hasMessageContaining("NOPE is not");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\n10.0.0.1/8\n")).hasMessageContaining("test.txt:2")
        .hasMessageContaining("bits set after its prefix");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\n10.0.0.0/33\n")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\n10.0.0.0\n")).hasMessageContaining("not an address/prefix");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\n@FASTLY 2024-02-01 x\n"))
        .hasMessageContaining("second section");
  }
}
