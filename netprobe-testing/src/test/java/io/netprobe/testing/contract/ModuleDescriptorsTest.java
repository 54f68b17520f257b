package io.netprobe.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.Probes;
import io.netprobe.spi.Capability;
import io.netprobe.testing.FakeDnsBackend;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The package tiers of netprobe-core and netprobe-testing, as their module descriptors enforce them. */
class ModuleDescriptorsTest {
  @Test
  void coreExportsOnlyApiAndSpiPackages() {
    assertThat(ModuleContract.assertWellFormed(Probes.class))
        .contains("io.netprobe", "io.netprobe.spi", "io.netprobe.dns", "io.netprobe.http", "io.netprobe.sockets",
            "io.netprobe.icmp")
        .noneMatch(p -> p.contains("internal"));
    assertThat(ModuleContract.descriptorOf(Probes.class).requires())
        .allMatch(r -> r.name().equals("java.base") || r.modifiers().contains(
            java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC),
            "netprobe-core has no runtime dependencies");
  }

  @Test
  void coreUsesTheContractOfEveryCapability() {
    assertThat(ModuleContract.descriptorOf(Probes.class).uses()).containsExactlyInAnyOrderElementsOf(
        java.util.stream.Stream.concat(Arrays.stream(Capability.values()).map(c -> c.contract().getName()),
            java.util.stream.Stream.of(io.netprobe.spi.JsonPathEvaluator.class.getName())).toList());
  }

  @Test
  void testingExportsFakesAndTheContractKit() {
    assertThat(ModuleContract.assertWellFormed(FakeDnsBackend.class))
        .containsExactlyInAnyOrder("io.netprobe.testing", "io.netprobe.testing.contract", "io.netprobe.testing.site");
  }

  @Test
  void findsAModuleOnTheClassPathByName() {
    assertThat(ModuleContract.descriptorOf("io.netprobe.core")).isEqualTo(ModuleContract.descriptorOf(Probes.class));
    assertThat(ModuleContract.assertWellFormed("io.netprobe.testing"))
        .containsExactlyInAnyOrder("io.netprobe.testing", "io.netprobe.testing.contract", "io.netprobe.testing.site");
    assertThatThrownBy(() -> ModuleContract.descriptorOf("io.netprobe.nosuch")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("no module io.netprobe.nosuch").hasMessageContaining("io.netprobe.core");
  }
}
