package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.SocketOwner;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.spi.SocketTableBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real listeners opened by the test (IPv4, IPv6, wildcard, loopback, 127.0.0.2, UDP, and a forked Python child so
 * that sockets have foreign and multiple owners), listed by both backends and compared with {@code ss -H -tulnp}.
 */
class SsComparisonIT {
  private static final long PID = ProcessHandle.current().pid();

  private final List<NetworkChannel> channels = new ArrayList<>();
  private Process python;
  private int pythonTcpPort;
  private int pythonDevicePort;
  private int pythonUdpPort;
  private long pythonChildPid;

  private int v4Loopback;
  private int v4Wildcard;
  private int v4Second;
  private int v6Wildcard;
  private int v6Loopback;
  private int udp4;
  private int udp6;

  @BeforeEach
  void openListeners() throws Exception {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "Linux only");
    v4Loopback = listen(StandardProtocolFamily.INET, "127.0.0.1", 37);
    v4Wildcard = listen(StandardProtocolFamily.INET, "0.0.0.0", 38);
    v4Second = listen(StandardProtocolFamily.INET, "127.0.0.2", 39);
    v6Wildcard = listen(StandardProtocolFamily.INET6, "::", 40);
    v6Loopback = listen(StandardProtocolFamily.INET6, "::1", 41);
    udp4 = bindUdp(StandardProtocolFamily.INET, "127.0.0.1");
    udp6 = bindUdp(StandardProtocolFamily.INET6, "::");
    // one connection waiting in the accept queue of the 127.0.0.1 listener
    channels.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", v4Loopback)));
    assumeTrue(ChildProcesses.installed("python3"), "python3 is not installed (apt-get install python3)");
    startPython();
  }

  @AfterEach
  void closeListeners() throws Exception {
    for (NetworkChannel c : channels) {
      c.close();
    }
    if (python != null) {
      python.getOutputStream().close();
      if (!python.waitFor(5, TimeUnit.SECONDS)) {
        python.destroyForcibly();
      }
      ProcessHandle.of(pythonChildPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void netlinkListsOurSocketsWithQueuesExposureAndOwners() {
    assumeTrue(NetlinkReader.isAvailable(), "netlink sock_diag is not available");
    ListeningSocketsResult r = list(new NetlinkSocketTableBackend());
    assertThat(r.source()).contains("netlink");
    checkOurSockets(r, true);
    ListeningSocket bound = single(r, TransportProtocol.TCP, "0.0.0.0", pythonDevicePort);
    if (pythonDevicePort != 0) {
      assertThat(bound.boundDevice()).contains("lo");
      assertThat(bound.exposure()).as("0.0.0.0 bound to lo is not all interfaces").isEqualTo(Exposure.LOOPBACK);
    }
  }

  @Test
  void procfsListsOurSocketsWithOwners() {
    ListeningSocketsResult r = list(new ProcfsSocketTableBackend());
    assertThat(r.source()).contains("procfs");
    checkOurSockets(r, false);
  }

  @Test
  void netlinkGivesTheSameProtocolAddressPortAndPidsAsSs() throws Exception {
    assumeTrue(NetlinkReader.isAvailable(), "netlink sock_diag is not available");
    compareWithSs(new NetlinkSocketTableBackend());
  }

  @Test
  void procfsGivesTheSameProtocolAddressPortAndPidsAsSs() throws Exception {
    compareWithSs(new ProcfsSocketTableBackend());
  }

  private void checkOurSockets(ListeningSocketsResult r, boolean netlink) {
    ListeningSocket loopback = single(r, TransportProtocol.TCP, "127.0.0.1", v4Loopback);
    assertThat(loopback.family()).isEqualTo(AddressFamily.IPV4);
    assertThat(loopback.exposure()).isEqualTo(Exposure.LOOPBACK);
    assertThat(loopback.receiveQueue()).as("one connection waits to be accepted").isEqualTo(1);
    assertThat(loopback.sendQueue()).as("the backlog (netlink only)").isEqualTo(netlink ? 37 : 0);
    assertThat(loopback.owners()).extracting(SocketOwner::pid).containsExactly(PID);
    assertThat(loopback.owners()).extracting(SocketOwner::name).containsExactly("java");
    assertThat(single(r, TransportProtocol.TCP, "0.0.0.0", v4Wildcard).exposure()).isEqualTo(Exposure.ALL_INTERFACES);
    assertThat(single(r, TransportProtocol.TCP, "127.0.0.2", v4Second).exposure()).isEqualTo(Exposure.LOOPBACK);
    ListeningSocket dual = single(r, TransportProtocol.TCP, "::", v6Wildcard);
    assertThat(dual.family()).isEqualTo(AddressFamily.IPV6);
    assertThat(dual.exposure()).isEqualTo(Exposure.ALL_INTERFACES);
    assertThat(dual.v6Only()).isEqualTo(netlink ? Optional.of(false) : Optional.empty());
    assertThat(single(r, TransportProtocol.TCP, "::1", v6Loopback).exposure()).isEqualTo(Exposure.LOOPBACK);
    assertThat(single(r, TransportProtocol.UDP, "127.0.0.1", udp4).exposure()).isEqualTo(Exposure.LOOPBACK);
    assertThat(single(r, TransportProtocol.UDP, "::", udp6).exposure()).isEqualTo(Exposure.ALL_INTERFACES);
    ListeningSocket forked = single(r, TransportProtocol.TCP, "127.0.0.1", pythonTcpPort);
    assertThat(forked.owners()).as("parent and forked child both hold the socket")
        .extracting(SocketOwner::pid).containsExactlyInAnyOrder(python.pid(), pythonChildPid);
    assertThat(forked.owners()).extracting(SocketOwner::name).containsOnly("python3");
    assertThat(forked.ownerNames()).isEqualTo("python3");
    assertThat(single(r, TransportProtocol.UDP, null, pythonUdpPort).owners()).hasSize(2);
    assertThat(Probes.builder().backend(netlink ? new NetlinkSocketTableBackend() : new ProcfsSocketTableBackend())
        .build().listeningSockets().process("python3").run().sockets())
        .extracting(ListeningSocket::port).contains(pythonTcpPort, pythonUdpPort).doesNotContain(v4Loopback);
  }

  private void compareWithSs(SocketTableBackend backend) throws Exception {
    assumeTrue(ChildProcesses.installed("ss"), "ss is not installed (apt-get install iproute2)");
    Set<String> ours = Set.of();
    Set<String> stable = Set.of();
    Set<String> union = Set.of();
    // other processes on this machine open and close sockets meanwhile: what ss saw both before and after must be
    // in our list, and our list may hold only what ss saw before or after; a few attempts ride out the churn
    for (int attempt = 0; attempt < 5; attempt++) {
      Set<String> before = ss();
      ours = tuples(list(backend));
      Set<String> after = ss();
      stable = new HashSet<>(before);
      stable.retainAll(after);
      union = new HashSet<>(before);
      union.addAll(after);
      if (ours.containsAll(stable) && union.containsAll(ours)) {
        break;
      }
    }
    Set<String> missing = new HashSet<>(stable);
    missing.removeAll(ours);
    Set<String> extra = new HashSet<>(ours);
    extra.removeAll(union);
    assertThat(missing).as("in ss -tulnp but not in netprobe's list").isEmpty();
    assertThat(extra).as("in netprobe's list but not in ss -tulnp").isEmpty();
    assertThat(ours).as("our own sockets are part of the comparison")
        .contains("tcp 127.0.0.1 " + v4Loopback + " " + PID, "tcp 127.0.0.1 " + pythonTcpPort + " " + python.pid(),
            "tcp 127.0.0.1 " + pythonTcpPort + " " + pythonChildPid, "udp 0:0:0:0:0:0:0:0 " + udp6 + " " + PID);
  }

  /** ss -H -tulnp as "protocol address port pid" tuples, one per owner ("-" when none). */
  private static Set<String> ss() throws UnknownHostException {
    Set<String> tuples = new HashSet<>();
    for (String line : ChildProcesses.run(List.of("ss", "-H", "-tulnp"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      String local = f[4];
      int colon = local.lastIndexOf(':');
      String host = local.substring(0, colon);
      int percent = host.indexOf('%');
      if (percent >= 0) {
        host = host.substring(0, percent);
      }
      host = host.equals("*") ? "::" : host.replace("[", "").replace("]", "");
      String key = f[0] + " " + InetAddress.getByName(host).getHostAddress() + " " + local.substring(colon + 1);
      List<String> pids = new ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(line);
      while (m.find()) {
        pids.add(m.group(1));
      }
      if (pids.isEmpty()) {
        tuples.add(key + " -");
      }
      pids.forEach(p -> tuples.add(key + " " + p));
    }
    return tuples;
  }

  private static Set<String> tuples(ListeningSocketsResult r) {
    Set<String> tuples = new HashSet<>();
    for (ListeningSocket s : r.sockets()) {
      String key = s.protocol().name().toLowerCase(java.util.Locale.ROOT) + " " + s.address().getHostAddress() + " "
          + s.port();
      if (s.owners().isEmpty()) {
        tuples.add(key + " -");
      }
      s.owners().forEach(o -> tuples.add(key + " " + o.pid()));
    }
    return tuples;
  }

  private static ListeningSocketsResult list(SocketTableBackend backend) {
    ListeningSocketsResult r = Probes.builder().backend(backend).build().listeningSockets().run();
    assertThat(r.failure()).as("listing failed").isEmpty();
    return r;
  }

  /**
   * The one socket of ours with this protocol, address (any when null) and port: on a shared machine another process
   * may listen on the same port at another address, so a port alone does not identify a socket; the owner must be this
   * JVM or the Python listeners it started.
   */
  private ListeningSocket single(ListeningSocketsResult r, TransportProtocol protocol, String address, int port) {
    java.util.Set<Long> ours = python == null ? java.util.Set.of(PID)
        : java.util.Set.of(PID, python.pid(), pythonChildPid);
    List<ListeningSocket> found = r.onPort(port).stream().filter(s -> s.protocol() == protocol)
        .filter(s -> address == null || s.localAddress().getAddress().equals(address(address)))
        .filter(s -> s.owners().stream().anyMatch(o -> ours.contains(o.pid())))
        .toList();
    assertThat(found).as("our %s sockets at %s port %d", protocol, address, port).hasSize(1);
    return found.get(0);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private int listen(ProtocolFamily family, String address, int backlog) throws IOException {
    ServerSocketChannel c = ServerSocketChannel.open(family);
    channels.add(c);
    c.bind(new InetSocketAddress(InetAddress.getByName(address), 0), backlog);
    return ((InetSocketAddress) c.getLocalAddress()).getPort();
  }

  private int bindUdp(ProtocolFamily family, String address) throws IOException {
    DatagramChannel c = DatagramChannel.open(family);
    channels.add(c);
    c.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    return ((InetSocketAddress) c.getLocalAddress()).getPort();
  }

  private void startPython() throws IOException {
    Path script = Files.createTempFile("netprobe-listeners", ".py");
    try (InputStream in = SsComparisonIT.class.getResourceAsStream("/sockets/listeners.py")) {
      Files.write(script, in.readAllBytes());
    }
    python = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    Files.delete(script);
    assertThat(ready).as("python listeners started").startsWith("ready ");
    String[] f = ready.split(" ");
    pythonTcpPort = Integer.parseInt(f[1]);
    pythonDevicePort = Integer.parseInt(f[2]);
    pythonUdpPort = Integer.parseInt(f[3]);
    pythonChildPid = Long.parseLong(f[4]);
  }
}
