package io.netprobe.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
  @Test
  void exportsNothingAndRegistersEveryProviderForTheClassPathToo() {
    assertThat(ModuleContract.assertWellFormed(NioTcpConnectBackend.class)).isEmpty();
    assertThat(ModuleContract.descriptorOf(NioTcpConnectBackend.class).provides()).isNotEmpty();
  }
}
