package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child process (a small Java program) as the daemon; every socket is on 127.0.0.1. */
class LoopbackDaemonTest {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  /** A single-file program that prints a line, listens on its arguments' ports and sleeps. */
  private Path listener() throws IOException {
    return Files.writeString(dir.resolve("Listen.java"), """
        import java.net.InetAddress;
        import java.net.ServerSocket;
        import java.util.ArrayList;
        import java.util.List;
        public class Listen {
          public static void main(String[] args) throws Exception {
            System.out.println("listener up");
            List<ServerSocket> open = new ArrayList<>();
            for (String port : args) {
              Thread.sleep(300);
              open.add(new ServerSocket(Integer.parseInt(port), 50, InetAddress.getLoopbackAddress()));
            }
            Thread.sleep(60_000);
          }
        }
        """);
  }

  @Test
  void waitsForEveryPortAndStopsTheProcess() throws Exception {
    int first = FreePorts.tcp();
    int second = FreePorts.tcp();
    LoopbackDaemon daemon = LoopbackDaemon.start(
        List.of(JAVA, listener().toString(), String.valueOf(first), String.valueOf(second)), dir.resolve("out.log"),
        first, second);
    try {
      assertThat(LoopbackDaemon.acceptsTcp(first)).isTrue();
      assertThat(LoopbackDaemon.acceptsTcp(second)).isTrue();
      assertThat(daemon.output()).contains("listener up");
    } finally {
      daemon.close();
    }
    assertThat(daemon.process().isAlive()).isFalse();
    assertThat(LoopbackDaemon.acceptsTcp(first)).isFalse();
  }

  @Test
  void aProcessThatExitsFailsWithItsOutput() {
    int port = FreePorts.tcp();
    assertThatThrownBy(() -> LoopbackDaemon.start(List.of(JAVA, "-version"), dir.resolve("out.log"), port))
        .isInstanceOf(IOException.class).hasMessageContaining("exited with 0").hasMessageContaining("version");
  }

  @Test
  void freePortsCanBeBound() throws IOException {
    int port = FreePorts.tcpAndUdp();
    try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
      assertThat(tcp.getLocalPort()).isEqualTo(udp.getLocalPort()).isEqualTo(port);
    }
    assertThat(LoopbackDaemon.acceptsTcp(FreePorts.tcp())).isFalse();
  }
}
