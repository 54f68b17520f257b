package io.netprobe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpConnectionOptionsTest {
  @Test
  void serverNameIsAHostNameInAscii() {
    assertThat(HttpConnectionOptions.DEFAULT.withServerName(Optional.of("Bücher.example")).serverName())
        .contains("xn--bcher-kva.example");
    assertThatThrownBy(() -> HttpConnectionOptions.DEFAULT.withServerName(Optional.of("192.0.2.1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serverName must be a host name");
  }

  @Test
  void theMinimumVersionIsNotAboveTheMaximum() {
    assertThat(HttpConnectionOptions.DEFAULT.withTlsVersions(Optional.of(TlsVersion.TLS_1_2),
        Optional.of(TlsVersion.TLS_1_2)).maxTlsVersion()).contains(TlsVersion.TLS_1_2);
    assertThatThrownBy(() -> HttpConnectionOptions.DEFAULT.withTlsVersions(Optional.of(TlsVersion.TLS_1_3),
        Optional.of(TlsVersion.TLS_1_2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the minimum TLS version TLS_1_3 is above the maximum TLS_1_2");
  }

  @Test
  void proxyConnectHeaderValuesAreNeverShownAndMustBeClean() {
    HttpProxy p = HttpProxy.parse("http://127.0.0.1:3128").withConnectHeaders(List.of(Map.entry("X-Token",
        "s3cret")));
    assertThat(p.toString()).doesNotContain("s3cret").contains("X-Token");
    assertThatThrownBy(() -> new HttpProxy(Host.of("127.0.0.1"), 3128, Optional.empty(),
        List.of(Map.entry("X-Token", "a\r\nb")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("a\r\nb");
  }
}
