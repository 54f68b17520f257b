package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The netlink backend falls back to /proc/net when netlink fails, and says so in the result's source. */
class NetlinkFallbackTest {

  /** A reader that fails like netlink on gVisor. */
  private static final SocketTableReader BROKEN_NETLINK = new SocketTableReader() {
    @Override
    public String source() {
      return "netlink";
    }

    @Override
    public void read(ListeningSocketsSpec query, Deadline deadline, List<RawSocket> into) throws IOException {
      throw new IOException("cannot open a NETLINK_SOCK_DIAG socket: errno 93");
    }
  };

  private static ListeningSocketsResult list(List<SocketTableReader> readers) {
    return new NetlinkSocketTableBackend(readers).listening(ListeningSocketsSpec.all(Duration.ofSeconds(5)),
        Deadline.after(Duration.ofSeconds(5)));
  }

  @Test
  void failingNetlinkFallsBackToProcNet() {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "Linux only");
    ListeningSocketsResult r = list(List.of(BROKEN_NETLINK, new ProcNetReader(Path.of("/proc/net"))));
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.source()).contains("procfs");
    assertThat(r.backend()).isEqualTo("netlink");
  }

  @Test
  void whenNoSourceWorksTheFailureNamesEveryProblem() {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "Linux only");
    ListeningSocketsResult r = list(List.of(BROKEN_NETLINK, new ProcNetReader(Path.of("/nonexistent/net"))));
    assertThat(r.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
    assertThat(r.failure().orElseThrow().message()).contains("errno 93").contains("/nonexistent/net/tcp");
    assertThat(r.source()).isEmpty();
  }
}
