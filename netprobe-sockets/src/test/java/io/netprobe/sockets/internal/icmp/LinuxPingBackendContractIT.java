package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.spi.PingBackend;
import io.netprobe.testing.contract.PingBackendContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The ping contract against the real backend, run inside a lab namespace: router 1 answers, the server drops every
 * echo request (100% loss), so the silent host is really silent.
 */
class LinuxPingBackendContractIT extends PingBackendContract {
  private static Lab lab;
  private final LinuxPingBackend real = new LinuxPingBackend();

  @BeforeAll
  static void buildLab() {
    lab = Lab.upOrSkip(LinuxPingBackendContractIT.class, 1, "", 100);
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  @Override
  protected PingBackend backend() {
    return new PingBackend() {
      @Override
      public String id() {
        return real.id();
      }

      @Override
      public PingResult ping(PingSpec spec, Deadline deadline) {
        return Netns.inside(lab.client(), () -> real.ping(spec, deadline));
      }

      @Override
      public PingSweepResult sweep(PingSweepSpec spec, Deadline deadline) {
        return Netns.inside(lab.client(), () -> real.sweep(spec, deadline));
      }
    };
  }

  @Override
  protected String reachableHost() {
    return lab.router(1, false);
  }

  @Override
  protected String silentHost() {
    return lab.server(false);
  }
}
