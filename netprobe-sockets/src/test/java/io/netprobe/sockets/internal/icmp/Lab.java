package io.netprobe.sockets.internal.icmp;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The namespace lab of {@code icmp/lab.sh}: client → routers → server over veth. {@link #close()} deletes it.
 */
final class Lab implements AutoCloseable {
  final String name;
  final int routers;

  private Lab(String name, int routers) {
    this.name = name;
    this.routers = routers;
  }

  /** Why the lab cannot be built here, or null when it can. */
  static String whyNot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "the namespace lab needs root (ip netns, veth, nft)";
    }
    for (String tool : new String[] {"/usr/sbin/ip", "/usr/sbin/nft"}) {
      if (!Files.isExecutable(Path.of(tool))) {
        return tool + " is not installed (apt-get install iproute2 nftables)";
      }
    }
    return null;
  }

  /** Builds a lab for {@code test}, or skips the test with the printed reason when this machine cannot. */
  static Lab upOrSkip(Class<?> test, int routers, String silent, int lossPercent) {
    String why = whyNot();
    if (why != null) {
      System.out.println(test.getSimpleName() + " skipped: " + why);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
    return up(routers, silent, lossPercent);
  }

  static Lab up(int routers, String silent, int lossPercent) {
    String name = "np6" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    Lab lab = new Lab(name, routers);
    try {
      sh("bash", script().toString(), "up", name, String.valueOf(routers), silent, String.valueOf(lossPercent));
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  String client() {
    return name + "-0";
  }

  String node(int n) {
    return name + "-" + n;
  }

  /** The address router {@code k} answers from. */
  String router(int k, boolean v6) {
    return v6 ? "fd77:0:0:" + (k - 1) + "::2" : "10.77." + (k - 1) + ".2";
  }

  String server(boolean v6) {
    return router(routers + 1, v6);
  }

  /** Runs a command in the client namespace and returns its output. */
  String inClient(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", client()));
    full.addAll(List.of(command));
    return sh(full.toArray(String[]::new));
  }

  /** Like {@link #inClient}, but returns the output whatever the exit status (ping exits 1 without a reply). */
  String inClientAllowingFailure(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", client()));
    full.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void sysctl(String namespace, String setting) {
    sh("ip", "netns", "exec", namespace, "sysctl", "-qw", setting);
  }

  @Override
  public void close() {
    sh("bash", script().toString(), "down", name);
  }

  static String sh(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path script() {
    try {
      return Path.of(Lab.class.getResource("/icmp/lab.sh").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
