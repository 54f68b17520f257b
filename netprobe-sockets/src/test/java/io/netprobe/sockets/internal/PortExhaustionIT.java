package io.netprobe.sockets.internal;

import io.netprobe.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.TcpConnectResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Out of ephemeral ports: a child JVM in a network namespace made by this test, whose local port range is 16 ports
 * (the range is per namespace) and whose input drops every SYN to port 9 (nft), connects 40 times at once to
 * 127.0.0.1:9. Each connect that got a port waits in SYN-SENT until its deadline; the kernel refuses the others a
 * port (EADDRNOTAVAIL), and they come back at once as RESOURCE_EXHAUSTED, saying so, and the JVM goes on. Needs root,
 * ip and nft; nothing leaves the namespace.
 */
class PortExhaustionIT {

  @Test
  void connectsBeyondTheEphemeralPortRangeAreTypedResultsAndTheJvmGoesOn() throws Exception {
    assumeThat(Commands.isRoot()).as("not root: cannot create network namespaces").isTrue();
    assumeThat(Files.isExecutable(Path.of("/usr/sbin/nft"))).as("nft (nftables) is not installed").isTrue();
    String ns = "np-ports-" + ProcessHandle.current().pid();
    try {
      Commands.run("ip", "netns", "add", ns);
      Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      Commands.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.ip_local_port_range=40000 40015");
      Commands.run("ip", "netns", "exec", ns, "nft", "add table inet np_ports; add chain inet np_ports in "
          + "{ type filter hook input priority 0; policy accept; }; add rule inet np_ports in tcp dport 9 drop");
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p = new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"),
          Child.class.getName()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      System.out.println("PortExhaustionIT: " + out.strip().replace("\n", " | "));
      // 16 ports: 16 connects wait for their deadline, 24 find none
      assertThat(out).contains("{RESOURCE_EXHAUSTED=24, TIMEOUT=16}").contains("alive");
      assertThat(out).contains("ephemeral ports").contains("Cannot assign requested address");
      assertThat(out).containsPattern("RESOURCE_EXHAUSTED within \\d{1,3} ms");
    } finally {
      new ProcessBuilder("ip", "netns", "delete", ns).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** 40 connects at once to a port whose SYNs are dropped; prints the outcomes, one message, and a last probe. */
  public static final class Child {
    public static void main(String[] args) {
      try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
        List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 40; i++) {
          futures.add(client.tcp("127.0.0.1", 9).timeout(Duration.ofMillis(1500)).runAsync());
        }
        Map<String, Integer> kinds = new TreeMap<>();
        futures.forEach(f -> kinds.merge(f.join().failureKind().map(Enum::name).orElse("OK"), 1, Integer::sum));
        System.out.println(kinds);
        futures.stream().map(CompletableFuture::join).filter(r -> r.failureKind().map(k -> k.name()
            .equals("RESOURCE_EXHAUSTED")).orElse(false)).findFirst().ifPresent(r -> {
              System.out.println(r.failure().orElseThrow().message());
              System.out.println("RESOURCE_EXHAUSTED within " + r.elapsed().toMillis() + " ms");
            });
        // the ports are free again once the waiting connects have ended
        System.out.println(client.tcp("127.0.0.1", 9).timeout(Duration.ofMillis(100)).run().failureKind()
            .map(k -> "alive " + k).orElse("alive"));
        System.out.println("took " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
      }
    }
  }


}
