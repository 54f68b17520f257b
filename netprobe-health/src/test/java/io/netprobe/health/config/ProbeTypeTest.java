package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.http.HttpProbeResult;
import io.netprobe.sockets.ListeningSocketsResult;
import org.junit.jupiter.api.Test;

class ProbeTypeTest {
  @Test
  void fiveTypesFoundByNameInAnyCase() {
    assertThat(ProbeType.all()).containsExactly(ProbeType.HTTP, ProbeType.DNS, ProbeType.TCP, ProbeType.PING,
        ProbeType.SOCKETS);
    assertThat(ProbeType.all()).extracting(ProbeType::name).containsExactly("http", "dns", "tcp", "ping", "sockets");
    assertThat(ProbeType.of("HTTP")).isSameAs(ProbeType.HTTP);
    assertThat(ProbeType.of(" sockets ")).isSameAs(ProbeType.SOCKETS);
    assertThat(ProbeType.HTTP.resultType()).isEqualTo(HttpProbeResult.class);
    assertThat(ProbeType.SOCKETS.resultType()).isEqualTo(ListeningSocketsResult.class);
    assertThat(ProbeType.PING).hasToString("ping");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> ProbeType.of("telnet")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe must be http, dns, tcp, ping or sockets, was \"telnet\"");
  }

  @Test
  void eachTypeDescribesItsTargetOptionsRulesAndDefault() {
    assertThat(ProbeType.HTTP.options()).containsExactly("method", "follow-redirects", "insecure");
    assertThat(ProbeType.DNS.options()).containsExactly("type", "server");
    assertThat(ProbeType.TCP.options()).isEmpty();
    assertThat(ProbeType.PING.options()).containsExactly("count", "ping-interval");
    assertThat(ProbeType.SOCKETS.options()).containsExactly("protocol");

    assertThat(ProbeType.HTTP.rules()).containsExactly("status", "certificate", "succeeds", "faster-than");
    assertThat(ProbeType.DNS.rules()).containsExactly("answer", "succeeds", "faster-than");
    assertThat(ProbeType.TCP.rules()).containsExactly("succeeds", "faster-than");
    assertThat(ProbeType.PING.rules()).containsExactly("loss", "rtt", "succeeds", "faster-than");
    assertThat(ProbeType.SOCKETS.rules()).containsExactly("listens", "loopback-only", "succeeds", "faster-than");

    assertThat(ProbeType.HTTP.defaultExpect()).isEqualTo("status 2xx");
    assertThat(ProbeType.all()).filteredOn(t -> t != ProbeType.HTTP).extracting(ProbeType::defaultExpect)
        .containsOnly("succeeds");

    assertThat(ProbeType.all()).filteredOn(ProbeType::takesTarget).hasSize(4);
    assertThat(ProbeType.SOCKETS.takesTarget()).isFalse();
    assertThat(ProbeType.SOCKETS.targetDescription()).isEmpty();
    assertThat(ProbeType.TCP.targetDescription()).contains("host:port, like db.internal:5432");
  }
}
