package io.netprobe.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import org.junit.jupiter.api.Test;

/** The quick start's tests run here on the module path: the example and netprobe are named modules. */
class ModulePathTest {
  @Test
  void runsOnTheModulePath() {
    assertThat(SiteCheck.class.getModule().getName()).isEqualTo("io.netprobe.examples.modulepath");
    assertThat(ProbeClient.class.getModule().getName()).isEqualTo("io.netprobe.core");
  }
}
