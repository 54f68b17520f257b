package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {
  private static final X509Certificate CERT = TestPki.leaf("www.example.test", "*.api.example.test", "127.0.0.1",
      "::1").certificate();

  @Test
  void exactNamesIgnoringCaseAndTrailingDot() {
    assertThat(HostnameMatcher.matches("www.example.test", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("WWW.Example.Test.", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("example.test", CERT)).isFalse();
  }

  @Test
  void wildcardCoversExactlyOneLeftMostLabel() {
    assertThat(HostnameMatcher.matches("v1.api.example.test", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("api.example.test", CERT)).isFalse();
    assertThat(HostnameMatcher.matches("a.v1.api.example.test", CERT)).isFalse();
  }

  @Test
  void addressesMatchOnlyIpSans() {
    assertThat(HostnameMatcher.matches("127.0.0.1", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("::1", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("0:0:0:0:0:0:0:1", CERT)).isTrue();
    assertThat(HostnameMatcher.matches("127.0.0.2", CERT)).isFalse();
  }
}
