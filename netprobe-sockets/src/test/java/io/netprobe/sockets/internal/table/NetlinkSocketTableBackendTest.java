package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetlinkSocketTableBackendTest extends LiveSocketTableTest {
  private final NetlinkSocketTableBackend backend = new NetlinkSocketTableBackend();

  @BeforeEach
  void needsNetlink() {
    assumeTrue(NetlinkReader.isAvailable(), "netlink sock_diag through JNA is not available here");
  }

  @Override
  protected NetlinkSocketTableBackend backend() {
    return backend;
  }

  @Test
  void sourceIsNetlinkAndTheDefaultClientChoosesIt() {
    assertThat(Probes.builder().backend(backend).build().listeningSockets().run().source()).contains("netlink");
    assertThat(Probes.builder().build().listeningSockets().run().backend()).isEqualTo("netlink");
  }
}
