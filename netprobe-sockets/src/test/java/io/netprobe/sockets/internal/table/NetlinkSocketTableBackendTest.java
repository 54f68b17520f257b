package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetlinkSocketTableBackendTest extends LiveSocketTableTest {
  private final NetlinkSocketTableBackend backend = new NetlinkSocketTableBackend();

  @BeforeEach
  void needsNetlink() {
    assumeTrue(NetlinkReader.isAvailable(), "netlink sock_diag through JNA is not available here");
  }

  @Override
  protected NetlinkSocketTableBackend backend() {
    return backend;
  }

  @Test
  void aDumpSpanningManyDatagramsMatchesProcNet() throws Exception {
    List<ServerSocketChannel> many = new ArrayList<>();
    try {
      Set<Integer> ports = new HashSet<>();
      for (int i = 0; i < 600; i++) { // ~600 x 72+ bytes: several datagrams of at most ~32 KiB
        ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.INET);
        many.add(c);
        c.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        ports.add(((InetSocketAddress) c.getLocalAddress()).getPort());
      }
      ListeningSocketsResult netlink = Probes.builder().backend(backend).build().listeningSockets().tcp().ipv4()
          .withoutOwners().run();
      ListeningSocketsResult procfs = Probes.builder().backend(new ProcfsSocketTableBackend()).build()
          .listeningSockets().tcp().ipv4().withoutOwners().run();
      Set<Integer> seen = netlink.sockets().stream().map(ListeningSocket::port).collect(Collectors.toSet());
      assertThat(seen).containsAll(ports);
      assertThat(netlink.sockets().stream().filter(s -> ports.contains(s.port())).map(ListeningSocket::inode))
          .containsExactlyInAnyOrderElementsOf(procfs.sockets().stream().filter(s -> ports.contains(s.port()))
              .map(ListeningSocket::inode).toList());
    } finally {
      for (ServerSocketChannel c : many) {
        c.close();
      }
    }
  }

  @Test
  void sourceIsNetlinkAndTheDefaultClientChoosesIt() {
    assertThat(Probes.builder().backend(backend).build().listeningSockets().run().source()).contains("netlink");
    assertThat(Probes.builder().build().listeningSockets().run().backend()).isEqualTo("netlink");
  }
}
