package io.netprobe.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog's CNAME domains and its record of where every piece of knowledge comes from. */
class EdgeCatalogTest {
  private static final EdgeCatalog CATALOG = EdgeCatalog.shipped();

  private static CnameSuffixes parse(String text) throws IOException {
    return CnameSuffixes.parse("test.txt", new BufferedReader(new StringReader(text)));
  }

  @Test
  void cnameTargetsBelongToTheirProviderWhateverTheCaseOrTrailingDot() {
    assertThat(CATALOG.providerOfCname("shop.example.global.prod.fastly.net.")).contains(EdgeProvider.FASTLY);
    assertThat(CATALOG.providerOfCname("d111111abcdef8.CloudFront.net")).contains(EdgeProvider.CLOUDFRONT);
    assertThat(CATALOG.providerOfCname("www.example.com.cdn.cloudflare.net")).contains(EdgeProvider.CLOUDFLARE);
    assertThat(CATALOG.providerOfCname("e1234.a.akamaiedge.net")).contains(EdgeProvider.AKAMAI);
    assertThat(CATALOG.providerOfCname("www.example.com.edgekey.net")).contains(EdgeProvider.AKAMAI);
    assertThat(CATALOG.providerOfCname("cname.vercel-dns.com")).contains(EdgeProvider.VERCEL);
    assertThat(CATALOG.providerOfCname("site.netlify.app")).contains(EdgeProvider.NETLIFY);
    assertThat(CATALOG.providerOfCname("x.z01.azurefd.net")).contains(EdgeProvider.AZURE_FRONT_DOOR);
    assertThat(CATALOG.providerOfCname("zone.b-cdn.net")).contains(EdgeProvider.BUNNY);
    assertThat(CATALOG.providerOfCname("fastly.net")).contains(EdgeProvider.FASTLY);
  }

  @Test
  void lookAlikeNamesAreNotEdges() {
    assertThat(CATALOG.providerOfCname("notfastly.net")).isEmpty();
    assertThat(CATALOG.providerOfCname("fastly.net.example.com")).isEmpty();
    assertThat(CATALOG.providerOfCname("quizai.juwonpark.me")).isEmpty();
    assertThat(CATALOG.providerOfCname("cloudflare.net")).isEmpty();
  }

  @Test
  void everyPieceOfKnowledgeHasADateAndASource() {
    List<EdgeSource> sources = CATALOG.sources();
    Map<EdgeSource.Kind, Set<EdgeProvider>> byKind = sources.stream().collect(Collectors.groupingBy(
        EdgeSource::kind, Collectors.mapping(EdgeSource::provider, Collectors.toSet())));
    assertThat(byKind.get(EdgeSource.Kind.IP_RANGES)).containsExactlyInAnyOrder(EdgeProvider.CLOUDFLARE,
        EdgeProvider.FASTLY);
    assertThat(byKind.get(EdgeSource.Kind.HEADER_FINGERPRINTS)).as("every provider is recognised by its headers")
        .isEqualTo(EnumSet.allOf(EdgeProvider.class));
    assertThat(byKind.get(EdgeSource.Kind.CNAME_SUFFIXES)).contains(EdgeProvider.CLOUDFLARE, EdgeProvider.FASTLY,
        EdgeProvider.CLOUDFRONT, EdgeProvider.AKAMAI);
    assertThat(sources).allSatisfy(s -> {
      assertThat(s.source()).isNotBlank();
      assertThat(s.asOf()).isBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2100, 1, 1));
    });
    assertThat(sources).filteredOn(s -> s.kind() == EdgeSource.Kind.IP_RANGES
        && s.provider() == EdgeProvider.CLOUDFLARE).singleElement()
        .satisfies(s -> assertThat(s.asOf()).isEqualTo(LocalDate.of(2026, 9, 29)));
    assertThat(CATALOG.toString()).contains("43 ranges");
  }

  @Test
  void cnameListsRejectOverlapsAndMalformedDomains() throws IOException {
    assertThat(parse("@FASTLY 2024-01-01 x\nfastly.net\n@VARNISH 2024-01-01 y\nvarnish.example\n")
        .providerOf("a.varnish.example")).contains(EdgeProvider.VARNISH);
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\nfastly.net\n@BUNNY 2024-01-01 y\nb.fastly.net\n"))
        .hasMessageContaining("test.txt:4").hasMessageContaining("overlap");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\nFastly.net\n")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> parse("@FASTLY 2024-01-01 x\nlocalhost\n")).hasMessageContaining("two labels");
    assertThatThrownBy(() -> parse("fastly.net\n")).hasMessageContaining("before any @PROVIDER");
  }
}
