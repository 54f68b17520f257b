package io.netprobe.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetprobeHealthPropertiesTest {
  @Test
  void theDatabaseIsHostAndPortIncludingBracketedIpv6() {
    assertThat(props("db.example.test:5432").databaseHost()).isEqualTo("db.example.test");
    assertThat(props("db.example.test:5432").databasePort()).isEqualTo(5432);
    assertThat(props("[::1]:3306").databaseHost()).isEqualTo("::1");
    assertThat(props("[::1]:3306").databasePort()).isEqualTo(3306);
  }

  @Test
  void aDatabaseWithoutAValidPortIsRejectedNamingTheProperty() {
    assertThatThrownBy(() -> props("db.example.test").databasePort()).hasMessage(
        "netprobe.health.database must be host:port, was \"db.example.test\"");
    assertThatThrownBy(() -> props("db.example.test:99999").databaseHost()).hasMessage(
        "netprobe.health.database \"db.example.test:99999\" is not host or host:port: port must be between 1 and"
            + " 65535, was 99999");
  }

  private static NetprobeHealthProperties props(String database) {
    return new NetprobeHealthProperties("a.test", null, "https://a.test/", Duration.ofSeconds(1), database,
        Duration.ofSeconds(15), Duration.ofSeconds(2));
  }
}
