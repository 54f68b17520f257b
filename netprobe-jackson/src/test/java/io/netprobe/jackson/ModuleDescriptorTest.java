package io.netprobe.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import org.junit.jupiter.api.Test;

/** The module exports only its API package and provides no service. */
class ModuleDescriptorTest {
  @Test
  void exportsOnlyItsApiPackage() {
    assertThat(ModuleContract.assertWellFormed(NetprobeJson.class)).containsExactly("io.netprobe.jackson");
    assertThat(ModuleContract.descriptorOf(NetprobeJson.class).provides()).isEmpty();
  }
}
