package io.netprobe.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server process (nginx, NSD) that an integration test starts in the foreground on loopback ports, waits for,
 * and stops. Closing it stops the process and its children. Not thread-safe.
 */
public final class LoopbackDaemon implements AutoCloseable {
  private static final long START_SECONDS = 10;
  private static final int CONNECT_MILLIS = 200;

  private final Process process;
  private final Path output;

  private LoopbackDaemon(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code command} with its standard output and error in {@code output}, and waits until every one of
   * {@code tcpPorts} on 127.0.0.1 accepts connections.
   *
   * @throws IOException naming the command, with its output, when it exits or is not listening within 10 s (the
   *     process is stopped first)
   */
  public static LoopbackDaemon start(List<String> command, Path output, int... tcpPorts)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    LoopbackDaemon daemon = new LoopbackDaemon(p, output);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    int next = 0;
    while (next < tcpPorts.length) {
      if (acceptsTcp(tcpPorts[next])) {
        next++;
        continue;
      }
      if (!p.isAlive() || System.nanoTime() > until) {
        String why = p.isAlive() ? "is not listening on 127.0.0.1:" + tcpPorts[next] + " after " + START_SECONDS
            + " s" : "exited with " + p.exitValue();
        daemon.close();
        throw new IOException(command.get(0) + " " + why + ": " + daemon.output());
      }
      Thread.sleep(20);
    }
    return daemon;
  }

  /** Starts a daemon on ports it picks itself (from {@link FreePorts}), each call picking afresh. */
  @FunctionalInterface
  public interface OnFreshPorts<T> {
    T start() throws IOException, InterruptedException;
  }

  private static final int PORT_CLASH_ATTEMPTS = 5;

  /**
   * Runs {@code start} again, up to 5 times, while the daemon fails because a port it was given was taken between
   * {@link FreePorts} finding it free and the daemon binding it (another process's socket, or a UDP socket on a port
   * found free for TCP only): "address already in use" in the daemon's output.
   */
  public static <T> T onFreshPorts(OnFreshPorts<T> start) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return start.start();
      } catch (IOException e) {
        String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (attempt >= PORT_CLASH_ATTEMPTS || !(why.contains("already in use") || why.contains("eaddrinuse"))) {
          throw e;
        }
      }
    }
  }

  /** Whether 127.0.0.1:{@code port} accepts a TCP connection within 200 ms. */
  public static boolean acceptsTcp(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The process, to check that it is still alive. */
  public Process process() {
    return process;
  }

  /** What the process wrote so far, for assertion messages. */
  public String output() {
    try {
      return Files.exists(output) ? Files.readString(output) : "";
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the process and its children: SIGTERM, then SIGKILL after 5 s; waits for them to exit. Interrupted, it
   * kills them at once and keeps the thread's interrupt status.
   */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
