package io.netprobe.diagnose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.diagnose.engine.internal.ChecklistEngine;
import io.netprobe.spi.DiagnosisEngine;
import io.netprobe.testing.contract.ModuleContract;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The module exports only the report renderer, provides the checklist to netprobe-core for the module path and the
 * class path alike, and is what a client finds for {@code Probes.diagnose(url)}.
 */
class ModuleDescriptorTest {
  @Test
  void exportsOnlyTheReportAndProvidesTheChecklist() {
    assertThat(ModuleContract.assertWellFormed(DiagnosisReport.class)).containsExactly("io.netprobe.diagnose.engine");
    ModuleDescriptor d = ModuleContract.descriptorOf(DiagnosisReport.class);
    assertThat(d.name()).isEqualTo("io.netprobe.diagnose.engine");
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(DiagnosisEngine.class.getName());
      assertThat(p.providers()).containsExactly(ChecklistEngine.class.getName());
    });
  }

  @Test
  void aClientWithoutExplicitEngineFindsTheChecklist() {
    DiagnosisEngine engine = Probes.builder().build().backend(DiagnosisEngine.class);
    assertThat(engine).isInstanceOf(ChecklistEngine.class);
    assertThat(engine.id()).isEqualTo("checklist");
  }
}
