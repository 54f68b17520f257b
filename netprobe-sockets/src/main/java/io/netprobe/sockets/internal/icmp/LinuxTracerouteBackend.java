package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Traceroute on Linux through JNA, on the calling thread. UDP mode (the default) needs no privileges at all: a UDP
 * socket with {@code IP_RECVERR} and the error queue. ICMP mode uses a datagram ICMP socket when
 * {@code ping_group_range} admits the process (answers from the error queue), else a raw ICMP socket with
 * CAP_NET_RAW, else PERMISSION_DENIED with the diagnosis. Thread-safe (no shared mutable state).
 */
public final class LinuxTracerouteBackend extends LinuxIcmpBackend implements TracerouteBackend {
  private static final Duration MAX_NAME_WAIT = Duration.ofSeconds(1);

  public LinuxTracerouteBackend() {
    this(SocketPolicy.AUTO);
  }

  LinuxTracerouteBackend(SocketPolicy policy) {
    super(policy);
  }

  @Override
  public TracerouteResult trace(TracerouteSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return failed(spec, spec.host().literal(), unsupported.get(), started, deadline);
    }
    SystemResolver.Resolution resolution = SystemResolver.resolve(spec.host(), deadline);
    if (!resolution.ok()) {
      return failed(spec, Optional.empty(), resolution.failure(), started, deadline);
    }
    InetAddress target = resolution.addresses().get(0);
    boolean v6 = SocketAddresses.isV6(target);
    String notHere = TraceSockets.unsupported(spec);
    if (notHere != null) {
      return failed(spec, Optional.of(target), ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, notHere), started,
          deadline);
    }
    if (spec.allPaths().isPresent()) {
      return MdaTrace.trace(spec, target, started, deadline);
    }
    TraceSocket socket;
    try {
      socket = TraceSockets.open(spec, v6, policy);
    } catch (IcmpDeniedException e) {
      ProbeFailure f = e.isPermission() ? ProbeFailure.of(FailureKind.PERMISSION_DENIED, e.diagnosis()
          + " (UDP mode, the default, needs no privileges.)", e)
          : ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, e.getMessage(), e);
      return failed(spec, Optional.of(target), f, started, deadline);
    } catch (ErrnoException e) {
      return failed(spec, Optional.of(target), ProbeFailure.of(FailureKind.NETWORK_ERROR,
          "could not open a probe socket: " + e.getMessage(), e), started, deadline);
    }
    try (socket) {
      TraceRun run = new TraceRun(spec, socket, target, a -> reverseName(a, deadline));
      PingMethod method = socket.method();
      try {
        run.run(deadline);
      } catch (ErrnoException e) {
        return new TracerouteResult(spec, Optional.of(target), Optional.of(method), run.hops(), run.reached(), ID, started,
            deadline.elapsed(), Optional.of(ProbeFailure.of(FailureKind.NETWORK_ERROR,
                "the probe socket failed: " + e.getMessage(), e)));
      }
      return new TracerouteResult(spec, Optional.of(target), Optional.of(method), run.hops(), run.reached(), ID, started,
          deadline.elapsed(), Optional.empty());
    }
  }

  private static Optional<String> reverseName(InetAddress address, Deadline deadline) {
    CompletableFuture<String> lookup = CompletableFuture.supplyAsync(() -> {
      try {
        return InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
      } catch (java.net.UnknownHostException impossible) {
        return address.getHostAddress();
      }
    }, DefaultExecutor.get());
    try {
      long wait = Math.min(deadline.remainingNanos(), MAX_NAME_WAIT.toNanos());
      String name = lookup.get(wait, TimeUnit.NANOSECONDS);
      return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static TracerouteResult failed(TracerouteSpec spec, Optional<InetAddress> address, ProbeFailure f, Instant started,
      Deadline deadline) {
    return new TracerouteResult(spec, address, Optional.empty(), List.of(), false, ID, started, deadline.elapsed(),
        Optional.of(f));
  }
}
