package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.Probes;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendOptionsTest {

  @Test
  void interfaceNamesFollowLinuxRules() {
    assertThat(SendOptions.DEFAULT.withSourceInterface(Optional.of("veth-a.10")).sourceInterface())
        .contains("veth-a.10");
    assertThatThrownBy(() -> SendOptions.DEFAULT.withSourceInterface(Optional.of("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("interface name \"\" must not be empty");
    assertThatThrownBy(() -> SendOptions.DEFAULT.withSourceInterface(Optional.of("abcdefghijklmnop")))
        .hasMessage("interface name \"abcdefghijklmnop\" must be at most 15 characters");
    assertThatThrownBy(() -> SendOptions.DEFAULT.withSourceInterface(Optional.of("a/b")))
        .hasMessageContaining("must not contain '/'");
    assertThatThrownBy(() -> SendOptions.DEFAULT.withSourceInterface(Optional.of("eth\u00010")))
        .hasMessageStartingWith("interface name \"eth\\x010\"");
  }

  @Test
  void requestsCarryTheOptionsIntoTheirSpecs() throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.1");
    PingSpec ping = Probes.ping("127.0.0.1").dontFragment().sourceAddress(source).sourceInterface("lo").spec();
    assertThat(ping.sendOptions()).isEqualTo(new SendOptions(true, Optional.of(source), Optional.of("lo")));
    assertThat(Probes.ping("127.0.0.1").spec().sendOptions().isDefault()).isTrue();

    PingSweepSpec sweep = Probes.pingAll("127.0.0.1", "127.0.0.2").dontFragment().sourceInterface("lo").spec();
    assertThat(sweep.sendOptions().dontFragment()).isTrue();
    assertThat(sweep.specFor(sweep.hosts().get(1)).sendOptions()).isEqualTo(sweep.sendOptions());
  }
}
