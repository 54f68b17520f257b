package io.netprobe.examples.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A server process (nginx, nsd) started by a test on a loopback port, and stopped by it. Not thread-safe.
 */
final class LoopbackDaemon {
  private final Process process;

  private LoopbackDaemon(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code command} with its output in {@code dir/stdout.log} and waits until 127.0.0.1:{@code port} accepts
   * TCP connections.
   *
   * @throws IllegalStateException with the daemon's output when it exits or is not listening within 10 s
   */
  static LoopbackDaemon start(List<String> command, Path dir, int port) throws IOException, InterruptedException {
    Path log = dir.resolve("stdout.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LoopbackDaemon daemon = new LoopbackDaemon(p);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!accepts(port)) {
      if (!p.isAlive() || System.nanoTime() > end) {
        daemon.stop();
        throw new IllegalStateException(command.get(0) + " did not start: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return daemon;
  }

  /** Skips the test class with a printed reason unless {@code condition} holds. */
  static void assume(String test, boolean condition, String reason) {
    if (!condition) {
      System.out.println(test + " skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }

  /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return s.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
