package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import org.junit.jupiter.api.Test;

class ProcfsSocketTableBackendTest extends LiveSocketTableTest {
  private final ProcfsSocketTableBackend backend = new ProcfsSocketTableBackend();

  @Override
  protected ProcfsSocketTableBackend backend() {
    return backend;
  }

  @Test
  void sourceIsProcfs() {
    assertThat(Probes.builder().backend(backend).build().listeningSockets().run().source()).contains("procfs");
  }
}
