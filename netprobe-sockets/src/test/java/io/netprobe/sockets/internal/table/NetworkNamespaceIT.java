package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listing run inside a network namespace the test creates ({@code ip netns exec}, child JVM) sees exactly that
 * namespace's sockets — the Python listeners started in it — and none of the host's; the host's listing does not
 * see the namespace's.
 */
class NetworkNamespaceIT {
  private final String namespace = "netprobe-sk-" + ProcessHandle.current().pid();
  private boolean created;
  private Process python;
  private long pythonChildPid;
  private Path script;

  @BeforeEach
  void createNamespace() throws Exception {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "Linux only");
    assumeTrue(ChildProcesses.isRoot(), "creating a network namespace needs root");
    assumeTrue(ChildProcesses.installed("ip"), "ip is not installed (apt-get install iproute2)");
    assumeTrue(ChildProcesses.installed("python3"), "python3 is not installed");
    ChildProcesses.run(List.of("ip", "netns", "add", namespace));
    created = true;
    ChildProcesses.run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"));
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    if (python != null) {
      python.getOutputStream().close();
      if (!python.waitFor(5, TimeUnit.SECONDS)) {
        python.destroyForcibly();
      }
      ProcessHandle.of(pythonChildPid).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (script != null) {
      Files.deleteIfExists(script);
    }
    if (created) {
      ChildProcesses.run(List.of("ip", "netns", "del", namespace));
    }
  }

  @Test
  void onlyTheNamespacesSocketsAreSeen() throws Exception {
    try (ServerSocketChannel host = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
      host.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int hostPort = ((InetSocketAddress) host.getLocalAddress()).getPort();
      int[] ports = startPythonInNamespace();
      Set<String> expected = Set.of("tcp 127.0.0.1 " + ports[0], "tcp 0.0.0.0 " + ports[1], "udp 127.0.0.1 " + ports[2]);

      ListeningSocketsResult hostList = Probes.builder().backend(new NetlinkSocketTableBackend()).build()
          .listeningSockets().run();
      long hostInode = hostList.onPort(hostPort).get(0).inode();
      List<Path> classPath = ChildProcesses.listingClassPath();
      Set<Long> namespaceInodes = null;
      for (String backend : List.of("netlink", "procfs")) {
        List<String> out = ChildProcesses.run(ChildProcesses.concat(List.of("ip", "netns", "exec", namespace),
            ChildProcesses.listingCommand(classPath, backend)));
        assertThat(out).last().isEqualTo("source " + backend);
        List<String> sockets = out.subList(0, out.size() - 1);
        assertThat(sockets.stream().map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
            .collect(Collectors.toSet())).as("%s in the namespace: %s", backend, sockets).isEqualTo(expected);
        assertThat(sockets).allSatisfy(l -> assertThat(ListingMain.owners(l))
            .extracting(o -> o.pid()).containsExactlyInAnyOrder(python.pid(), pythonChildPid));
        namespaceInodes = sockets.stream().map(l -> Long.parseLong(l.replaceAll(".* ino=(\\d+) .*", "$1")))
            .collect(Collectors.toSet());
        assertThat(namespaceInodes).doesNotContain(hostInode);
      }
      Set<Long> hostInodes = hostList.sockets().stream().map(ListeningSocket::inode).collect(Collectors.toSet());
      assertThat(hostInodes).as("the host does not see the namespace's sockets").doesNotContainAnyElementsOf(
          namespaceInodes);
    }
  }

  private int[] startPythonInNamespace() throws Exception {
    script = Files.createTempFile("netprobe-listeners", ".py");
    try (InputStream in = NetworkNamespaceIT.class.getResourceAsStream("/sockets/listeners.py")) {
      Files.write(script, in.readAllBytes());
    }
    python = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String ready = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
    assertThat(ready).as("python listeners started in the namespace").startsWith("ready ");
    String[] f = ready.split(" ");
    pythonChildPid = Long.parseLong(f[4]);
    assertThat(Integer.parseInt(f[2])).as("SO_BINDTODEVICE worked").isPositive();
    return new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])};
  }
}
