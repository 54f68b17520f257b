package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.SocketOwner;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.spi.SocketTableBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link SocketTableBackend}. Extend it and describe, in your test's world, a TCP listener and
 * an unconnected UDP socket that exist while each test runs (real sockets for a real backend, scripted ones for a
 * fake) and a port where nothing listens.
 */
public abstract class SocketTableBackendContract {
  /** For subclasses. */
  protected SocketTableBackendContract() {}


  /**
   * A socket the backend must list.
   *
   * @param address the address it is bound to
   * @param port its local port (unique to it in the test's world)
   * @param exposure the exposure it must be reported with
   * @param ownerPid the pid that must be among its owners, when the test can know it
   * @param ownerName the name that owner must have
   */
  public record Expected(InetAddress address, int port, Exposure exposure, OptionalLong ownerPid, String ownerName) {}

  /** The backend under test. */
  protected abstract SocketTableBackend backend();

  /** A TCP socket in LISTEN state. */
  protected abstract Expected tcpListener();

  /** An unconnected UDP socket. */
  protected abstract Expected udpSocket();

  /** A port with no TCP or UDP socket bound to it. */
  protected abstract int unusedPort();

  private ProbeClient client() {
    return Probes.builder().backend(backend()).build();
  }

  private static ListeningSocket only(ListeningSocketsResult r, int port) {
    assertThat(r.onPort(port)).as("sockets on port %d in %s", port, r.sockets()).hasSize(1);
    return r.onPort(port).get(0);
  }

  @Test
  void listsTheTcpListenerWithItsExposureAndOwner() {
    Expected e = tcpListener();
    ListeningSocketsResult r = client().listeningSockets().run();
    wellFormed(r, backend());
    assertThat(r.isSuccess()).as("listing failed: %s", r.failure()).isTrue();
    assertThat(r.source()).hasValueSatisfying(s -> assertThat(s).isNotBlank());
    ListeningSocket s = only(r, e.port());
    assertThat(s.protocol()).isEqualTo(TransportProtocol.TCP);
    assertThat(s.address()).isEqualTo(e.address());
    assertThat(s.exposure()).isEqualTo(e.exposure());
    assertThat(s.exposure()).isEqualTo(ListeningSocket.exposureOf(s.address(), s.boundDevice()));
    if (e.ownerPid().isPresent()) {
      assertThat(s.owners()).extracting(SocketOwner::pid).contains(e.ownerPid().getAsLong());
      assertThat(s.owners()).extracting(SocketOwner::name).contains(e.ownerName());
      assertThat(s.ownersUnknownReason()).isEmpty();
    }
  }

  @Test
  void listsTheUnconnectedUdpSocket() {
    Expected e = udpSocket();
    ListeningSocketsResult r = client().listeningSockets().udp().run();
    wellFormed(r, backend());
    ListeningSocket s = only(r, e.port());
    assertThat(s.protocol()).isEqualTo(TransportProtocol.UDP);
    assertThat(s.address()).isEqualTo(e.address());
    assertThat(s.exposure()).isEqualTo(e.exposure());
    assertThat(r.sockets()).allSatisfy(x -> assertThat(x.protocol()).isEqualTo(TransportProtocol.UDP));
  }

  @Test
  void everyFilterNarrowsTheList() {
    Expected tcp = tcpListener();
    Expected udp = udpSocket();
    ProbeClient c = client();
    assertThat(c.listeningSockets().tcp().run().sockets())
        .allSatisfy(s -> assertThat(s.protocol()).isEqualTo(TransportProtocol.TCP))
        .anySatisfy(s -> assertThat(s.port()).isEqualTo(tcp.port()))
        .noneSatisfy(s -> assertThat(s.port()).isEqualTo(udp.port()));
    assertThat(c.listeningSockets().port(tcp.port()).run().sockets())
        .isNotEmpty().allSatisfy(s -> assertThat(s.port()).isEqualTo(tcp.port()));
    assertThat(c.listeningSockets().ipv4().run().sockets())
        .allSatisfy(s -> assertThat(s.family()).isEqualTo(AddressFamily.IPV4));
    assertThat(c.listeningSockets().ipv6().run().sockets())
        .allSatisfy(s -> assertThat(s.family()).isEqualTo(AddressFamily.IPV6));
    ListeningSocketsResult both = c.listeningSockets().port(tcp.port()).run();
    AddressFamily family = only(both, tcp.port()).family();
    assertThat(family == AddressFamily.IPV4 ? c.listeningSockets().ipv6().port(tcp.port()).run().sockets()
        : c.listeningSockets().ipv4().port(tcp.port()).run().sockets()).isEmpty();
    if (tcp.ownerPid().isPresent()) {
      assertThat(c.listeningSockets().process(tcp.ownerName()).run().sockets())
          .anySatisfy(s -> assertThat(s.port()).isEqualTo(tcp.port()))
          .allSatisfy(s -> assertThat(s.owners()).extracting(SocketOwner::name).contains(tcp.ownerName()));
    }
    assertThat(c.listeningSockets().process("no-such-process-name").run().sockets()).isEmpty();
  }

  @Test
  void withoutOwnersNamesNoOwnersAndGivesNoReason() {
    Expected e = tcpListener();
    ListeningSocketsResult r = client().listeningSockets().withoutOwners().run();
    wellFormed(r, backend());
    assertThat(only(r, e.port()).owners()).isEmpty();
    assertThat(r.sockets()).allSatisfy(s -> {
      assertThat(s.owners()).isEmpty();
      assertThat(s.ownersUnknownReason()).isEmpty();
    });
  }

  @Test
  void ownersAreEitherFoundOrExplained() {
    ListeningSocketsResult r = client().listeningSockets().run();
    assertThat(r.sockets()).allSatisfy(s -> {
      assertThat(s.owners().isEmpty()).as("%s: no owners exactly when a reason is given", s)
          .isEqualTo(s.ownersUnknownReason().isPresent());
      assertThat(s.owners().isEmpty()).isEqualTo(s.ownersUnknownKind().isPresent());
    });
  }

  @Test
  void socketsAreSortedByProtocolPortAndFamily() {
    List<ListeningSocket> sockets = client().listeningSockets().run().sockets();
    for (int i = 1; i < sockets.size(); i++) {
      ListeningSocket a = sockets.get(i - 1);
      ListeningSocket b = sockets.get(i);
      assertThat(a.protocol().compareTo(b.protocol()) < 0
          || a.protocol() == b.protocol() && a.port() < b.port()
          || a.protocol() == b.protocol() && a.port() == b.port() && a.family().compareTo(b.family()) <= 0)
          .as("%s before %s", a, b).isTrue();
    }
  }

  @Test
  void aPortNobodyUsesGivesAnEmptySuccess() {
    ListeningSocketsResult r = client().listeningSockets().port(unusedPort()).run();
    wellFormed(r, backend());
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.sockets()).isEmpty();
  }

  @Test
  void returnsByTheDeadline() {
    Duration timeout = Duration.ofMillis(2000);
    ListeningSocketsResult r = returnsByDeadline(timeout, () -> client().listeningSockets().timeout(timeout).run());
    wellFormed(r, backend());
  }

  @Test
  void runAsyncGivesTheSameList() throws Exception {
    Expected e = tcpListener();
    ListeningSocketsResult r = client().listeningSockets().port(e.port()).runAsync().get(10, TimeUnit.SECONDS);
    assertThat(only(r, e.port()).address()).isEqualTo(e.address());
  }

  @Test
  void badFiltersAreRejectedAtOnce() {
    ProbeClient c = client();
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().port(0)).withMessageContaining("0")
        .withMessageContaining("65535");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().port(70000))
        .withMessageContaining("70000");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().port(-1)).withMessageContaining("-1");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().process(""))
        .withMessageContaining("process name");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().process("x".repeat(65)))
        .withMessageContaining("64");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().process("nginx").withoutOwners())
        .withMessageContaining("owners");
    assertThatIllegalArgumentException().isThrownBy(() -> c.listeningSockets().timeout(Duration.ZERO))
        .withMessageContaining("timeout");
  }
}
