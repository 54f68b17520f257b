package io.netprobe.cli;

import io.netprobe.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Another host for the diagnose tests: a network namespace joined to this one by a veth pair (this side
 * {@value #GATEWAY}, the host {@value #ADDRESS}). Nothing listens on {@value #REFUSING_PORT}; nft drops TCP to
 * {@value #DROPPING_PORT}; {@value #GONE} is routed through the host, which has no route on and answers with ICMP
 * net-unreachable (the namespace's ICMP rate limit is off, so every probe gets its answer at once). Made only where
 * the test runs as root with ip and nft; removed on close. Traffic never leaves the two namespaces.
 */
final class RemoteHost implements AutoCloseable {
  static final String GATEWAY = "10.254.7.1";
  static final String ADDRESS = "10.254.7.2";
  static final String GONE = "10.254.8.9";
  static final int REFUSING_PORT = 8081;
  static final int DROPPING_PORT = 8082;

  private final String namespace;
  private final String link;

  private RemoteHost(String namespace, String link) {
    this.namespace = namespace;
    this.link = link;
  }

  static RemoteHost create() throws Exception {
    Assumptions.assumeTrue(Commands.isRoot(), "not root: cannot create a network namespace");
    for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/nft")) {
      Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed (iproute2, nftables)");
    }
    long pid = ProcessHandle.current().pid();
    RemoteHost host = new RemoteHost("np-remote-" + pid, "npr" + pid % 100_000);
    try {
      host.setUp();
    } catch (Exception | AssertionError e) {
      host.close();
      throw e;
    }
    return host;
  }

  private void setUp() throws Exception {
    String inner = link + "i";
    Commands.run("ip", "netns", "add", namespace);
    Commands.run("ip", "link", "add", link, "type", "veth", "peer", "name", inner);
    Commands.run("ip", "link", "set", inner, "netns", namespace);
    Commands.run("ip", "addr", "add", GATEWAY + "/30", "dev", link);
    Commands.run("ip", "link", "set", link, "up");
    Commands.run("ip", "route", "add", GONE + "/32", "via", ADDRESS);
    inside("ip", "link", "set", "lo", "up");
    inside("ip", "addr", "add", ADDRESS + "/30", "dev", inner);
    inside("ip", "link", "set", inner, "up");
    inside("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    // by default a host sends at most about one ICMP error a second to a peer: a SYN could go unanswered
    inside("sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=0");
    Path rules = Files.createTempFile("netprobe-remote", ".nft");
    try {
      Files.writeString(rules, String.join("\n",
          "table inet remote {",
          "  chain input { type filter hook input priority 0; tcp dport " + DROPPING_PORT + " drop; }",
          "}",
          ""));
      inside("nft", "-f", rules.toString());
    } finally {
      Files.deleteIfExists(rules);
    }
  }

  private void inside(String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(command));
    Commands.run(all.toArray(String[]::new));
  }



  @Override
  public void close() throws IOException {
    // deleting the namespace removes its end of the veth pair, and with it ours and the route through it
    try {
      new ProcessBuilder("ip", "netns", "delete", namespace).redirectErrorStream(true).start().waitFor(10,
          TimeUnit.SECONDS);
      new ProcessBuilder("ip", "link", "delete", link).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while removing namespace " + namespace, e);
    }
  }
}
