package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.spi.TracerouteBackend;
import io.netprobe.testing.contract.TracerouteBackendContract;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The traceroute contract against the real backend in a lab: 3 routers, the second silent. */
class LinuxTracerouteBackendContractIT extends TracerouteBackendContract {
  private static Lab lab;
  private final LinuxTracerouteBackend real = new LinuxTracerouteBackend();

  @BeforeAll
  static void buildLab() {
    lab = Lab.upOrSkip(LinuxTracerouteBackendContractIT.class, 3, "2", 0);
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  @Override
  protected TracerouteBackend backend() {
    return new TracerouteBackend() {
      @Override
      public String id() {
        return real.id();
      }

      @Override
      public TracerouteResult trace(TracerouteSpec spec, Deadline deadline) {
        return Netns.inside(lab.client(), () -> real.trace(spec, deadline));
      }
    };
  }

  @Override
  protected String destination() {
    return lab.server(false);
  }

  @Override
  protected List<String> route() {
    return Arrays.asList(lab.router(1, false), null, lab.router(3, false), lab.server(false));
  }

  @Override
  protected String unreachedDestination() {
    return "10.77.3.99"; // on the server's link, but nobody has it: router 3 waits for ARP
  }
}
