package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class OpenSocketsTest {
  @Test
  @SuppressWarnings("try") // the socket is only held open, to be counted
  void countsASocketWhileItIsOpen() throws Exception {
    long before = OpenSockets.count();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(OpenSockets.count()).isGreaterThanOrEqualTo(before + 1);
    }
    assertThat(OpenSockets.count()).isLessThanOrEqualTo(before);
  }
}
