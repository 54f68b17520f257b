package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module exports nothing and registers its backend for module-path and class-path users alike. */
class ModuleDescriptorTest {
  @Test
  void exportsNothingAndProvidesTheBackendInBothPlaces() {
    assertThat(ModuleContract.assertWellFormed(OkHttpBackend.class)).isEmpty();
    ModuleDescriptor d = ModuleContract.descriptorOf(OkHttpBackend.class);
    assertThat(d.name()).isEqualTo("io.netprobe.http");
    assertThat(d.exports()).isEmpty();
    assertThat(d.provides()).hasSize(2).anySatisfy(p -> {
      assertThat(p.service()).isEqualTo("io.netprobe.spi.HttpBackend");
      assertThat(p.providers()).containsExactly(OkHttpBackend.class.getName());
    }).anySatisfy(p -> {
      assertThat(p.service()).isEqualTo("io.netprobe.spi.JsonPathEvaluator");
      assertThat(p.providers()).containsExactly(JaywayJsonPath.class.getName());
    });
  }
}
