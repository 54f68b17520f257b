package io.netprobe.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link EngineBench}'s in-flight run in a network namespace of its own: loopback up, ping sockets allowed, a
 * wide ephemeral port range, large accept queues, and an nft rule that drops ICMP echo requests to 127.77.0.0/16
 * (addresses that never answer). The namespace is removed afterwards. Needs root.
 */
final class InNamespace {
  private InNamespace() {}

  static void run(int perKind) throws Exception {
    String ns = EngineBench.NS;
    removeStale();
    sh("ip netns del " + ns + " 2>/dev/null; true");
    sh("ip netns add " + ns);
    // a run stopped by a signal (Ctrl-C, kill) skips the finally below; the hook still removes the namespace
    Thread cleanup = new Thread(() -> {
      try {
        sh("ip netns del " + ns + " 2>/dev/null; true");
      } catch (Exception ignored) {
        // nothing more to do at exit
      }
    }, "bench-netns-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      sh("ip -n " + ns + " link set lo up");
      sh("ip netns exec " + ns + " sysctl -qw net.ipv4.ping_group_range='0 2147483647'"
          + " net.ipv4.ip_local_port_range='1024 65000' net.core.somaxconn=65535"
          + " net.ipv4.tcp_max_syn_backlog=65535");
      sh("ip netns exec " + ns + " nft -f - <<'EOF'\n"
          + "table inet npbench {\n"
          + "  chain input { type filter hook input priority 0; policy accept;\n"
          + "    ip daddr 127.77.0.0/16 icmp type echo-request drop\n  }\n}\nEOF");
      List<String> java = new ArrayList<>();
      java.add(ProcessHandle.current().info().command().orElse("java"));
      java.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      java.add("-cp");
      java.add(System.getProperty("java.class.path"));
      java.add(EngineBench.class.getName());
      java.add("inflight-inside");
      java.add(String.valueOf(perKind));
      StringBuilder cmd = new StringBuilder("{ ulimit -n 400000 2>/dev/null || ulimit -n $(ulimit -Hn); }; exec ip netns exec " + ns);
      for (String a : java) {
        cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
      }
      int rc = new ProcessBuilder("bash", "-c", cmd.toString()).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException("the benchmark in the namespace exited with " + rc);
      }
    } finally {
      sh("ip netns del " + ns);
    }
  }

  /** Removes the namespaces of earlier runs whose process is gone (killed before it could remove its own). */
  private static void removeStale() throws Exception {
    String prefix = EngineBench.NS.substring(0, EngineBench.NS.lastIndexOf('-') + 1);
    Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    String out = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    list.waitFor();
    for (String line : out.split("\n")) {
      String name = line.split("\\s+")[0];
      if (!name.startsWith(prefix)) {
        continue;
      }
      try {
        long pid = Long.parseLong(name.substring(prefix.length()));
        if (ProcessHandle.of(pid).isEmpty()) {
          sh("ip netns del " + name + " 2>/dev/null; true");
        }
      } catch (NumberFormatException notOurs) {
        // another tool's namespace with a similar name
      }
    }
  }

  static void sh(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command);
    }
  }
}
