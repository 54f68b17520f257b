package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Host;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void namesAddressesAndPorts() {
    assertThat(HostPort.parse("t", "db.internal:5432")).isEqualTo(new HostPort(Host.of("db.internal"),
        OptionalInt.of(5432)));
    assertThat(HostPort.parse("t", " 127.0.0.1 ")).isEqualTo(new HostPort(Host.of("127.0.0.1"), OptionalInt.empty()));
    assertThat(HostPort.parse("t", "[::1]:53").port()).hasValue(53);
    assertThat(HostPort.parse("t", "[::1]").port()).isEmpty();
    assertThat(HostPort.parse("t", "2001:db8::1").host().ascii()).isEqualTo("2001:db8::1");
    assertThat(HostPort.parse("t", "2001:db8::1").port()).isEmpty();
    assertThat(HostPort.parse("t", "db.internal").portOr(53)).isEqualTo(53);
    assertThat(HostPort.parse("t", "db.internal:5353").portOr(53)).isEqualTo(5353);
  }

  @Test
  void writesItselfBackAsInADefinition() {
    assertThat(HostPort.parse("t", "[::1]:53")).hasToString("[::1]:53");
    assertThat(HostPort.parse("t", "::1")).hasToString("::1");
    assertThat(HostPort.parse("t", "DB.internal:1")).hasToString("db.internal:1");
  }

  @Test
  void mistakesNameTheSettingTheTextAndTheRule() {
    assertThatThrownBy(() -> HostPort.parse("server", "[::1:53")).hasMessage(
        "server \"[::1:53\" is not host or host:port: missing ']'");
    assertThatThrownBy(() -> HostPort.parse("server", "[::1]53")).hasMessage(
        "server \"[::1]53\" is not host or host:port: text after ']' must be :port");
    assertThatThrownBy(() -> HostPort.parse("target", "db:http")).hasMessage(
        "target \"db:http\" is not host or host:port: port must be a number, was \"http\"");
    assertThatThrownBy(() -> HostPort.parse("target", "db:")).hasMessageContaining("port must be a number, was \"\"");
    assertThatThrownBy(() -> HostPort.parse("target", "db:70000")).hasMessage(
        "target \"db:70000\" is not host or host:port: port must be between 1 and 65535, was 70000");
    assertThatThrownBy(() -> HostPort.parse("target", "[::1]:0")).hasMessageContaining(
        "port must be between 1 and 65535, was 0");
    assertThatThrownBy(() -> HostPort.parse("target", "a..b:1")).hasMessageStartingWith(
        "target \"a..b:1\" is not host or host:port: Invalid host \"a..b\"");
    assertThatThrownBy(() -> new HostPort(Host.of("a.test"), OptionalInt.of(65536))).hasMessage(
        "port must be between 1 and 65535, was 65536");
  }
}
