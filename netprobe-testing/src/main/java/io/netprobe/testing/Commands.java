package io.netprobe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Running the machine's commands from tests: {@code ip netns}, {@code nft}, {@code sysctl}. Stateless; thread-safe. */
public final class Commands {
  private Commands() {}

  /**
   * Runs {@code command} to completion (at most 10 s).
   *
   * @throws IOException naming the command and showing its output when it fails or takes longer
   */
  public static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  /** Whether this process runs as root (network namespaces, nft and raw sockets need it). */
  public static boolean isRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").start();
      String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return p.waitFor(5, TimeUnit.SECONDS) && uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
