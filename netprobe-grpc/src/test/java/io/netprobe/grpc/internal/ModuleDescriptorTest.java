package io.netprobe.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module exports nothing and registers its backend for module-path and class-path users alike. */
class ModuleDescriptorTest {
  @Test
  void exportsNothingAndProvidesTheBackendInBothPlaces() {
    assertThat(ModuleContract.assertWellFormed(GrpcJavaHealthBackend.class)).isEmpty();
    ModuleDescriptor d = ModuleContract.descriptorOf(GrpcJavaHealthBackend.class);
    assertThat(d.name()).isEqualTo("io.netprobe.grpc");
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("io.netprobe.spi.GrpcHealthBackend");
      assertThat(p.providers()).containsExactly(GrpcJavaHealthBackend.class.getName());
    });
  }
}
