package io.netprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.dns.DnsRequest;
import io.netprobe.internal.net.HostParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short way DnsRequest takes for plain names gives the name HostParser's full validation gives, and every name it
 * does not take still gets HostParser's verdict.
 */
class DnsRequestNameTest {
  private static final String L63 = "a".repeat(63);

  @ParameterizedTest
  @ValueSource(strings = {"n1.bench.test", "N1.Bench.TEST.", "a", "x-y_z.example", "-leading.example", "a.b.123",
      "b\u00fccher.example", "*.wild.example", ".", "example.", "_dmarc.example.com"})
  void sameNameAsTheFullValidation(String name) {
    assertThat(DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), name).spec().name())
        .isEqualTo(HostParser.parseDnsName(name));
  }

  @Test
  void theLongestNamesAndLabels() {
    String name = L63 + "." + L63 + "." + L63 + "." + "a".repeat(61); // 253 characters
    assertThat(DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), name).spec().name()).isEqualTo(name);
    assertThat(DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), L63 + ".test").spec().name())
        .isEqualTo(L63 + ".test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a..b", ".a", "a b", "a/b", "", "bad\u0007name"})
  void theSameErrorsAsTheFullValidation(String name) {
    String expected = null;
    try {
      HostParser.parseDnsName(name);
    } catch (IllegalArgumentException e) {
      expected = e.getMessage();
    }
    assertThat(expected).isNotNull();
    assertThatThrownBy(() -> DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), name))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
  }

  @Test
  void tooLongIsRefused() {
    String name = L63 + "." + L63 + "." + L63 + "." + "a".repeat(62); // 254 characters
    assertThatThrownBy(() -> DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), name))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 253");
    assertThatThrownBy(() -> DnsRequest.create(new RecordingRunner(Duration.ofSeconds(1)), "a".repeat(64) + ".x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 63");
  }
}
