package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.PingBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ICMP ping on Linux through JNA, without a thread of its own: a datagram ICMP socket when
 * {@code net.ipv4.ping_group_range} admits the process, else a raw socket when it has CAP_NET_RAW, else — only when
 * the caller allowed it — a TCP connect, else PERMISSION_DENIED with the diagnosis and the fix. A ping's RTTs run
 * from the kernel's transmit timestamp ({@code SO_TIMESTAMPING}) to its receive timestamp ({@code SO_TIMESTAMPNS});
 * a sweep's from the wall clock just before sending; both fall back to the monotonic clock. Other operating systems get UNSUPPORTED_PLATFORM. Thread-safe (no shared mutable state).
 */
public final class LinuxPingBackend extends LinuxIcmpBackend implements PingBackend {

  public LinuxPingBackend() {
    this(SocketPolicy.AUTO);
  }

  LinuxPingBackend(SocketPolicy policy) {
    super(policy);
  }

  @Override
  public PingResult ping(PingSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return PingResult.failed(spec, spec.host().literal(), Optional.empty(), 0, List.of(), unsupported.get(), ID,
          started, deadline.elapsed());
    }
    SystemResolver.Resolution resolution = SystemResolver.resolve(spec.host(), deadline);
    if (!resolution.ok()) {
      return PingResult.failed(spec, Optional.empty(), Optional.empty(), 0, List.of(), resolution.failure(), ID,
          started, deadline.elapsed());
    }
    InetAddress address = resolution.addresses().get(0);
    boolean v6 = SocketAddresses.isV6(address);
    EchoSocket[] sockets = new EchoSocket[2];
    try {
      sockets[v6 ? 1 : 0] = EchoSocket.open(v6, policy, spec.ttl().orElse(-1), true);
      EchoSweep.HostEchoes o = new EchoSweep(List.of(address), sockets, spec.count(), spec.interval(),
          spec.replyTimeout(), spec.payloadSize()).listener(spec.listener()).run(Duration.ZERO, deadline).get(0);
      return result(spec, o, started, deadline.elapsed());
    } catch (IcmpDeniedException denied) {
      if (spec.tcpFallbackPort().isPresent() && denied.isPermission()) {
        EchoSweep.HostEchoes o = new TcpPing().run(spec, address, spec.tcpFallbackPort().getAsInt(), deadline);
        o.method = PingMethod.TCP_CONNECT;
        return result(spec, o, started, deadline.elapsed());
      }
      return PingResult.failed(spec, Optional.of(address), Optional.empty(), 0, List.of(), denial(denied), ID,
          started, deadline.elapsed());
    } catch (ErrnoException e) {
      return PingResult.failed(spec, Optional.of(address), Optional.empty(), 0, List.of(),
          ProbeFailure.of(FailureKind.NETWORK_ERROR, "ICMP socket error: " + e.getMessage(), e), ID, started,
          deadline.elapsed());
    } finally {
      closeAll(sockets);
    }
  }

  @Override
  public PingSweepResult sweep(PingSweepSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return failedSweep(spec, unsupported.get(), started, deadline);
    }
    List<InetAddress> addresses = new ArrayList<>();
    List<Host> resolvedHosts = new ArrayList<>();
    List<PingResult> unresolved = new ArrayList<>();
    List<SystemResolver.Resolution> resolutions = SweepResolver.resolveAll(spec.hosts(), deadline);
    for (int i = 0; i < spec.hosts().size(); i++) {
      Host h = spec.hosts().get(i);
      SystemResolver.Resolution r = resolutions.get(i);
      if (r.ok()) {
        addresses.add(r.addresses().get(0));
        resolvedHosts.add(h);
      } else {
        unresolved.add(PingResult.failed(spec.specFor(h), Optional.empty(), Optional.empty(), 0, List.of(),
            r.failure(), ID, started, deadline.elapsed()));
      }
    }
    EchoSocket[] sockets = new EchoSocket[2];
    ProbeFailure[] denied = new ProbeFailure[2];
    try {
      for (int family = 0; family < 2; family++) {
        int f = family;
        if (addresses.stream().anyMatch(a -> EchoSweep.family(a) == f)) {
          try {
            sockets[f] = EchoSocket.open(f == 1, policy, spec.ttl().orElse(-1), false);
          } catch (IcmpDeniedException e) {
            denied[f] = denial(e);
          }
        }
      }
      if (sockets[0] == null && sockets[1] == null && (denied[0] != null || denied[1] != null)) {
        return failedSweep(spec, denied[0] != null ? denied[0] : denied[1], started, deadline);
      }
      List<EchoSweep.HostEchoes> outcomes = new EchoSweep(addresses, sockets, spec.count(), spec.interval(),
          spec.replyTimeout(), spec.payloadSize()).run(spec.spacing(), deadline);
      Duration elapsed = deadline.elapsed();
      List<PingResult> results = new ArrayList<>();
      int resolvedIndex = 0;
      int unresolvedIndex = 0;
      for (Host h : spec.hosts()) {
        if (resolvedIndex < resolvedHosts.size() && resolvedHosts.get(resolvedIndex).equals(h)) {
          EchoSweep.HostEchoes o = outcomes.get(resolvedIndex++);
          ProbeFailure familyDenied = denied[EchoSweep.family(o.address)];
          results.add(familyDenied != null
              ? PingResult.failed(spec.specFor(h), Optional.of(o.address), Optional.empty(), 0, List.of(),
                  familyDenied, ID, started, elapsed)
              : result(spec.specFor(h), o, started, elapsed));
        } else {
          results.add(unresolved.get(unresolvedIndex++));
        }
      }
      return new PingSweepResult(spec, results, ID, started, elapsed, Optional.empty());
    } catch (ErrnoException e) {
      return failedSweep(spec, ProbeFailure.of(FailureKind.NETWORK_ERROR, "ICMP socket error: " + e.getMessage(), e),
          started, deadline);
    } finally {
      closeAll(sockets);
    }
  }

  /** The result of one target: what the wire gave, judged by core ({@link PingResult#of}). */
  static PingResult result(PingSpec spec, EchoSweep.HostEchoes o, Instant started, Duration elapsed) {
    return PingResult.of(spec, o.address, Optional.ofNullable(o.method), o.transmitted, o.replies, o.errors, ID,
        started, elapsed);
  }

  private static ProbeFailure denial(IcmpDeniedException e) {
    if (e.isPermission()) {
      return ProbeFailure.of(FailureKind.PERMISSION_DENIED, e.diagnosis(), e);
    }
    return ProbeFailure.of(e.v6() ? FailureKind.NETWORK_UNREACHABLE : FailureKind.UNSUPPORTED_PLATFORM,
        "this kernel offers no ICMP" + (e.v6() ? "v6 (is IPv6 disabled?)" : "") + " socket: " + e.getMessage(), e);
  }

  private static PingSweepResult failedSweep(PingSweepSpec spec, ProbeFailure f, Instant started, Deadline deadline) {
    Duration elapsed = deadline.elapsed();
    List<PingResult> each = spec.hosts().stream().map(h -> PingResult.failed(spec.specFor(h), h.literal(),
        Optional.empty(), 0, List.of(), f, ID, started, elapsed)).toList();
    return new PingSweepResult(spec, each, ID, started, elapsed, Optional.of(f));
  }

  private static void closeAll(EchoSocket[] sockets) {
    for (EchoSocket s : sockets) {
      if (s != null) {
        s.close();
      }
    }
  }
}
