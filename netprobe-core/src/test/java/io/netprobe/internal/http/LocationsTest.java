package io.netprobe.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.http.HttpHeaders;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationsTest {
  private static final URI BASE = URI.create("https://shop.test/dir/page?x=1");

  private static Optional<String> resolve(String location) {
    return Locations.resolve(BASE, location).map(URI::toString);
  }

  @Test
  void resolvesReferencesLikeABrowser() {
    assertThat(resolve("https://www.shop.test/")).contains("https://www.shop.test/");
    assertThat(resolve("/login")).contains("https://shop.test/login");
    assertThat(resolve("next")).contains("https://shop.test/dir/next");
    assertThat(resolve("../up")).contains("https://shop.test/up");
    assertThat(resolve("//cdn.test/a")).contains("https://cdn.test/a");
    assertThat(resolve("?page=2")).as("RFC 3986 keeps the whole path").contains("https://shop.test/dir/page?page=2");
    assertThat(resolve("HTTP://Other.TEST")).contains("http://other.test/");
    assertThat(resolve("/a#section")).as("fragments are never sent").contains("https://shop.test/a");
  }

  @Test
  void encodesWhatServersSendRawInsteadOfGivingUp() {
    assertThat(resolve("/a b")).contains("https://shop.test/a%20b");
    assertThat(resolve("/caf\u00e9")).contains("https://shop.test/caf%C3%A9");
    assertThat(resolve("/100%")).contains("https://shop.test/100%25");
    assertThat(resolve("/already%20encoded")).contains("https://shop.test/already%20encoded");
    assertThat(resolve("\\\\other.test\\x")).contains("https://other.test/x");
    assertThat(resolve("/{a|b}")).contains("https://shop.test/%7Ba%7Cb%7D");
  }

  @Test
  void onlyHttpTargetsAProbeCouldRequestAreFollowed() {
    assertThat(resolve("ftp://files.example.test/")).isEmpty();
    assertThat(resolve("mailto:admin@shop.test")).isEmpty();
    assertThat(resolve("")).isEmpty();
    assertThat(resolve("http://user:pw@shop.test/")).isEmpty();
    assertThat(resolve("http://shop.test:99999/")).isEmpty();
  }

  @Test
  void onlyRedirectStatusesHaveATarget() {
    HttpHeaders location = HttpHeaders.of(List.of(Map.entry("Location", "/next")));
    assertThat(Locations.target(BASE, 301, location)).contains(URI.create("https://shop.test/next"));
    assertThat(Locations.target(BASE, 308, location)).isPresent();
    assertThat(Locations.target(BASE, 201, location)).isEmpty();
    assertThat(Locations.target(BASE, 302, HttpHeaders.empty())).isEmpty();
  }
}
