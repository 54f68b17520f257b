package io.netprobe.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.http.HttpHeaders;
import io.netprobe.http.OriginHint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginHintsTest {
  @Test
  void cookiesByNameOnlyPoweredByAndServer() {
    List<OriginHint> hints = EdgeCatalog.shipped().originHints(HttpHeaders.of(List.of(
        Map.entry("Server", "nginx/1.22.1"),
        Map.entry("Set-Cookie", "csrftoken=SECRETVALUE; expires=Tue, 23 Nov 2027 10:00:00 GMT; Path=/"),
        Map.entry("Set-Cookie", "PHPSESSID=abc; path=/"),
        Map.entry("X-Powered-By", "PHP/8.2.7"),
        Map.entry("X-Runtime", "0.012"))));
    assertThat(hints).extracting(OriginHint::technology)
        .containsExactly("Django", "PHP", "PHP/8.2.7", "nginx/1.22.1", "Ruby on Rails (Rack)");
    assertThat(hints).extracting(OriginHint::evidence).contains("set-cookie: csrftoken", "server: nginx/1.22.1")
        .noneSatisfy(e -> assertThat(e).contains("SECRETVALUE"));
  }

  @Test
  void nothingToSay() {
    assertThat(EdgeCatalog.shipped().originHints(HttpHeaders.of(List.of(Map.entry("Server", "cloudflare"))))).isEmpty();
  }
}
