package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.OwnersUnknownReason;
import io.netprobe.sockets.SocketOwner;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.spi.SocketTableBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted {@link SocketTableBackend}: a socket table you fill, filtered like the real one.
 *
 * <pre>{@code
 * new FakeSocketTableBackend()
 *     .tcp("0.0.0.0", 8000, "python", 812)       // the seed's Django dev server
 *     .tcp("127.0.0.1", 3306, "mariadbd", 455);  // and its database
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeSocketTableBackend extends ScriptedBackend<ListeningSocketsSpec, ListeningSocketsResult>
    implements SocketTableBackend {
  /** A fake with nothing scripted yet. */
  public FakeSocketTableBackend() {}

  private final List<ListeningSocket> table = new CopyOnWriteArrayList<>();
  private volatile ProbeFailure failure;

  /** A TCP listener on {@code address:port} owned by {@code process} (pid {@code pid}, fd 3). */
  public FakeSocketTableBackend tcp(String address, int port, String process, long pid) {
    return add(TransportProtocol.TCP, address, port, process, pid);
  }

  /** A UDP socket on {@code address:port} owned by {@code process}. */
  public FakeSocketTableBackend udp(String address, int port, String process, long pid) {
    return add(TransportProtocol.UDP, address, port, process, pid);
  }

  /** A listener whose owners cannot be found, for {@code reason} (a kernel socket, another user's process…). */
  public FakeSocketTableBackend unowned(TransportProtocol protocol, String address, int port,
      OwnersUnknownReason reason) {
    InetAddress ip = FakeAddresses.parse(address);
    table.add(new ListeningSocket(protocol, AddressFamily.of(ip), ip, port,
        ListeningSocket.exposureOf(ip, Optional.empty()), 0, protocol == TransportProtocol.TCP ? 64 : 0, List.of(),
        Optional.of(reason.description()), OptionalLong.of(0), 10_000 + table.size(), Optional.empty(),
        Optional.empty()));
    return this;
  }

  /** Adds any socket. */
  public FakeSocketTableBackend add(ListeningSocket socket) {
    table.add(socket);
    return this;
  }

  /** Every listing fails with {@code kind} from now on. */
  public FakeSocketTableBackend fail(FailureKind kind) {
    this.failure = ProbeFailure.of(kind, "scripted " + kind);
    return this;
  }

  /** Listings take {@code delay} (or time out when that passes the deadline). */
  public FakeSocketTableBackend delay(Duration delay) {
    delayWhen(q -> true, delay);
    return this;
  }

  /** Listings never answer (a hung netlink or /proc read): they time out at the deadline. */
  public FakeSocketTableBackend silent() {
    silentWhen(q -> true);
    return this;
  }

  @Override
  public ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline) {
    Instant started = Instant.now();
    return answer(query, deadline, f -> ListeningSocketsResult.failed(query, f, ID, started, Duration.ZERO),
        q -> table(q, started));
  }

  @Override
  public CompletableFuture<ListeningSocketsResult> listeningAsync(ListeningSocketsSpec query, Deadline deadline,
      ProbeEngine engine) {
    Instant started = Instant.now();
    return answerAsync(query, deadline, engine,
        f -> ListeningSocketsResult.failed(query, f, ID, started, Duration.ZERO), q -> table(q, started));
  }

  private ListeningSocketsResult table(ListeningSocketsSpec q, Instant started) {
    {
      ProbeFailure f = failure;
      if (f != null) {
        return ListeningSocketsResult.failed(q, f, ID, started, Duration.ZERO);
      }
      List<ListeningSocket> matching = table.stream().filter(q::matches)
          .map(s -> q.owners() ? s : withoutOwners(s)).sorted(ListeningSocket.TABLE_ORDER).toList();
      return ListeningSocketsResult.success(q, matching, "fake", ID, started, Duration.between(started, Instant.now()));
    }
  }

  private FakeSocketTableBackend add(TransportProtocol protocol, String address, int port, String process, long pid) {
    InetAddress ip = FakeAddresses.parse(address);
    table.add(new ListeningSocket(protocol, AddressFamily.of(ip), ip, port,
        ListeningSocket.exposureOf(ip, Optional.empty()), 0, protocol == TransportProtocol.TCP ? 4096 : 0,
        List.of(new SocketOwner(pid, process, 3)), Optional.empty(), OptionalLong.of(1000), 10_000 + table.size(),
        Optional.empty(), Optional.empty()));
    return this;
  }

  private static ListeningSocket withoutOwners(ListeningSocket s) {
    return new ListeningSocket(s.protocol(), s.family(), s.address(), s.port(), s.exposure(), s.receiveQueue(),
        s.sendQueue(), List.of(), Optional.empty(), s.uid(), s.inode(), s.boundDevice(), s.v6Only());
  }
}
