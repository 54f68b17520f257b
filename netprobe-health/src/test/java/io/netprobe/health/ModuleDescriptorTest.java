package io.netprobe.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module exports its API packages only and builds on netprobe-core's public API alone. */
class ModuleDescriptorTest {
  @Test
  void exportsTheHealthApiAndTheConfigurationFormat() {
    assertThat(ModuleContract.assertWellFormed(HealthCheck.class))
        .containsExactlyInAnyOrder("io.netprobe.health", "io.netprobe.health.config");
    assertThat(ModuleContract.descriptorOf(HealthCheck.class).provides()).isEmpty();
  }

  @Test
  void requiresOnlyNetprobeCoreWhichItsApiExposes() {
    ModuleDescriptor d = ModuleContract.descriptorOf(HealthCheck.class);

    assertThat(d.requires()).filteredOn(r -> r.name().startsWith("io.netprobe")).singleElement()
        .satisfies(r -> {
          assertThat(r.name()).isEqualTo("io.netprobe.core");
          assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    assertThat(d.requires()).allMatch(r -> r.name().equals("java.base") || r.name().equals("io.netprobe.core")
        || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), "no other runtime dependency");
  }
}
