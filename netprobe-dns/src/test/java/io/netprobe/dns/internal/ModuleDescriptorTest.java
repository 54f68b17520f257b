package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The module exports nothing, and whatever backend it provides is also listed in {@code META-INF/services}. Found by
 * module name, since the module may not yet hold a class to name it by.
 */
class ModuleDescriptorTest {
  @Test
  void exportsNothingAndRegistersEveryProviderForTheClassPathToo() {
    assertThat(ModuleContract.assertWellFormed("io.netprobe.dns")).isEmpty();
    ModuleDescriptor d = ModuleContract.descriptorOf("io.netprobe.dns");
    assertThat(d.exports()).isEmpty();
    assertThat(d.provides()).allSatisfy(p -> assertThat(p.service()).isEqualTo("io.netprobe.spi.DnsBackend"));
  }
}
