package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.SocketOwner;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TransportProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** ss's table and summaries; nc's lines, a port sweep and the summary. */
class SsAndNcTextTest {
  static ListeningSocket socket(TransportProtocol protocol, AddressFamily family, String address, int port,
      Optional<String> device, List<SocketOwner> owners) {
    InetAddress a = ip(address);
    return new ListeningSocket(protocol, family, a, port, ListeningSocket.exposureOf(a, device), 0,
        protocol == TransportProtocol.TCP ? 128 : 0, owners, Optional.empty(), OptionalLong.of(1000), 4242, device,
        Optional.empty());
  }

  static ListeningSocketsSpec query(boolean owners) {
    return new ListeningSocketsSpec(EnumSet.allOf(TransportProtocol.class), EnumSet.allOf(AddressFamily.class),
        OptionalInt.empty(), Optional.empty(), owners, Duration.ofSeconds(5));
  }

  static List<ListeningSocket> sockets() {
    SocketOwner nginx = new SocketOwner(812, "nginx", 6);
    return List.of(
        socket(TransportProtocol.TCP, AddressFamily.IPV4, "0.0.0.0", 80, Optional.empty(),
            List.of(nginx, new SocketOwner(813, "nginx", 6))),
        socket(TransportProtocol.TCP, AddressFamily.IPV6, "::1", 8000, Optional.empty(), List.of()),
        socket(TransportProtocol.TCP, AddressFamily.IPV6, "127.0.0.1", 9000, Optional.empty(), List.of()),
        socket(TransportProtocol.UDP, AddressFamily.IPV4, "0.0.0.0", 68, Optional.of("eth0"), List.of()));
  }

  @Test
  void ssTableWithProcessesWhenTheListingHasOwners() {
    ListeningSocketsResult r = ListeningSocketsResult.success(query(true), sockets(), "sock_diag", "test", T0,
        Duration.ofMillis(3));
    String table = """
        Netid State  Recv-Q Send-Q           Local Address:Port  Peer Address:Port Exposure  Process
        tcp   LISTEN      0    128                   0.0.0.0:80  0.0.0.0:*         anywhere  \
        users:(("nginx",pid=812,fd=6),("nginx",pid=813,fd=6))
        tcp   LISTEN      0    128                   [::1]:8000  [::]:*            local    \n\
        tcp   LISTEN      0    128      [::ffff:127.0.0.1]:9000  [::]:*            local    \n\
        udp   UNCONN      0      0              0.0.0.0%eth0:68  0.0.0.0:*         one-addr \n\
        """;
    assertThat(SsText.render(r)).isEqualTo(table);
    assertThat(ClassicText.render(r)).isEqualTo(table);
  }

  @Test
  void ssTableWithoutTheProcessColumnWhenOwnersWereNotAsked() {
    ListeningSocketsResult r = ListeningSocketsResult.success(query(false), sockets().subList(0, 1), "proc", "test",
        T0, Duration.ofMillis(3));
    assertThat(SsText.render(r)).isEqualTo("""
        Netid State  Recv-Q Send-Q           Local Address:Port  Peer Address:Port Exposure \n\
        tcp   LISTEN      0    128                   0.0.0.0:80  0.0.0.0:*         anywhere \n\
        """);
    assertThat(SsText.render(r, true)).endsWith("anywhere  users:((\"nginx\",pid=812,fd=6),(\"nginx\",pid=813,fd=6))\n");
  }

  @Test
  void aDualStackWildcardIsPrintedAsStarAndAV6OnlyOneInBrackets() {
    InetAddress any = ip("::");
    ListeningSocket dual = new ListeningSocket(TransportProtocol.TCP, AddressFamily.IPV6, any, 8080,
        Exposure.ALL_INTERFACES, 0, 511, List.of(), Optional.empty(), OptionalLong.of(0), 1, Optional.empty(),
        Optional.of(false));
    ListeningSocket v6Only = new ListeningSocket(TransportProtocol.TCP, AddressFamily.IPV6, any, 80,
        Exposure.ALL_INTERFACES, 0, 511, List.of(), Optional.empty(), OptionalLong.of(0), 2, Optional.empty(),
        Optional.of(true));
    ListeningSocket unknown = new ListeningSocket(TransportProtocol.UDP, AddressFamily.IPV6, any, 53,
        Exposure.ALL_INTERFACES, 0, 0, List.of(), Optional.empty(), OptionalLong.of(0), 3, Optional.empty(),
        Optional.empty());
    ListeningSocketsResult r = ListeningSocketsResult.success(query(false), List.of(v6Only, dual, unknown),
        "sock_diag", "test", T0, Duration.ZERO);
    assertThat(SsText.render(r)).isEqualTo("""
        Netid State  Recv-Q Send-Q           Local Address:Port  Peer Address:Port Exposure \n\
        tcp   LISTEN      0    511                      [::]:80  [::]:*            anywhere \n\
        tcp   LISTEN      0    511                       *:8080  *:*               anywhere \n\
        udp   UNCONN      0      0                      [::]:53  [::]:*            anywhere \n\
        """);
  }

  @Test
  void aFailedListingIsOneLine() {
    ListeningSocketsResult r = ListeningSocketsResult.failed(query(true),
        ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "Linux only"), "test", T0, Duration.ZERO);
    assertThat(SsText.render(r)).isEqualTo("netprobe ss: UNSUPPORTED_PLATFORM: Linux only\n");
    assertThat(SsText.summary(r)).isEqualTo("UNSUPPORTED_PLATFORM: Linux only");
  }

  @Test
  void ssSummaries() {
    List<ListeningSocket> all = sockets();
    assertThat(SsText.summary(all.get(0)))
        .isEqualTo("tcp 0.0.0.0:80 nginx(pid=812),nginx(pid=813): " + Exposure.ALL_INTERFACES.description());
    assertThat(SsText.summary(all.get(1))).isEqualTo("tcp [::1]:8000: reachable only from this machine");
    ListeningSocketsResult one = ListeningSocketsResult.success(query(false), all.subList(1, 2), "proc", "test", T0,
        Duration.ZERO);
    assertThat(SsText.summary(one)).isEqualTo("1 listening socket: tcp [::1]:8000: reachable only from this machine");
    ListeningSocketsResult two = ListeningSocketsResult.success(query(false), all.subList(1, 3), "proc", "test", T0,
        Duration.ZERO);
    assertThat(SsText.summary(two)).isEqualTo("2 listening sockets: tcp [::1]:8000: reachable only from this machine; "
        + "tcp 127.0.0.1:9000: reachable only from this machine");
    ListeningSocketsResult none = ListeningSocketsResult.success(query(false), List.of(), "proc", "test", T0,
        Duration.ZERO);
    assertThat(SsText.summary(none)).isEqualTo("no listening sockets");
  }

  static TcpConnectResult connected(String host, String address, int port) {
    TcpConnectSpec q = new TcpConnectSpec(Host.of(host), port, Duration.ofSeconds(3));
    return TcpConnectResult.connected(q, List.of(ip(address)), ip(address),
        new InetSocketAddress(ip("127.0.0.1"), 50000), Duration.ofMillis(1), Duration.ofNanos(412_000),
        "test", T0, Duration.ofMillis(2));
  }

  static TcpConnectResult refused(String host, String address, int port) {
    TcpConnectSpec q = new TcpConnectSpec(Host.of(host), port, Duration.ofSeconds(3));
    return TcpConnectResult.failed(q, List.of(ip(address)), Optional.of(ip(address)), Duration.ofMillis(1),
        ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "connection refused"), "test", T0, Duration.ofMillis(1));
  }

  @Test
  void ncLinesForAnOpenAndAClosedPort() {
    assertThat(NcText.render(connected("localhost", "127.0.0.1", 5432)))
        .isEqualTo("Connection to localhost (127.0.0.1) 5432 port [tcp] succeeded! (0.412 ms)\n");
    assertThat(NcText.connectLine(refused("localhost", "::1", 5433)))
        .isEqualTo("connect to localhost port 5433 (tcp) failed: CONNECTION_REFUSED: connection refused");
    assertThat(ClassicText.render(refused("localhost", "::1", 5433)))
        .isEqualTo("connect to localhost port 5433 (tcp) failed: CONNECTION_REFUSED: connection refused\n");
  }

  @Test
  void ncSummaries() {
    assertThat(NcText.summary(connected("localhost", "127.0.0.1", 5432))).isEqualTo("connected to 127.0.0.1:5432 in 0.4 ms");
    assertThat(NcText.summary(refused("db.example", "::1", 5433)))
        .isEqualTo("::1:5433 — CONNECTION_REFUSED: connection refused");
    TcpConnectResult unresolved = TcpConnectResult.failed(new TcpConnectSpec(Host.of("db.example"), 5432,
        Duration.ofSeconds(3)), List.of(), Optional.empty(), Duration.ofMillis(5),
        ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "db.example does not resolve"), "test", T0, Duration.ofMillis(5));
    assertThat(NcText.summary(unresolved)).isEqualTo("db.example:5432 — NAME_NOT_FOUND: db.example does not resolve");
  }

  @Test
  void aSweepListsTheOpenPortsThenCounts() {
    List<TcpConnectResult> sweep = List.of(refused("Localhost", "127.0.0.1", 21),
        connected("Localhost", "127.0.0.1", 22), refused("Localhost", "127.0.0.1", 23));
    assertThat(NcText.render(sweep)).isEqualTo("""
        Connection to localhost (127.0.0.1) 22 port [tcp] succeeded! (0.412 ms)
        1 of 3 ports open on 127.0.0.1
        """);
    TcpConnectResult nowhere = TcpConnectResult.failed(new TcpConnectSpec(Host.of("Nowhere.Example"), 80,
        Duration.ofSeconds(3)), List.of(), Optional.empty(), Duration.ZERO,
        ProbeFailure.of(FailureKind.NAME_NOT_FOUND), "test", T0, Duration.ZERO);
    assertThat(NcText.render(List.of(nowhere))).as("the host as it was written when it did not resolve")
        .isEqualTo("0 of 1 ports open on Nowhere.Example\n");
    assertThatThrownBy(() -> NcText.render(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sweep needs at least one result, was none");
  }
}
