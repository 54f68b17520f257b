package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.icmp.IcmpError;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** A send the kernel refused: ping's wording from the errno here, its failure kind from core. */
class LocalErrorTest {
  @Test
  void localErrorsAreWordedByErrnoAndJudgedByCore() throws Exception {
    IcmpError e = EchoSweep.localError(3, InetAddress.getByName("192.0.2.1"), LibC.ENETUNREACH);

    assertThat(e.type()).isEqualTo(-1);
    assertThat(e.description()).contains("network is unreachable");
    assertThat(e.failureKind()).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(EchoSweep.localError(1, InetAddress.getByName("192.0.2.1"), LibC.EACCES).failureKind())
        .isEqualTo(FailureKind.PERMISSION_DENIED);
  }
}
