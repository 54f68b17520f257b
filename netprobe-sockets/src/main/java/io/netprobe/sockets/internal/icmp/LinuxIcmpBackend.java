package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.sockets.internal.libc.LibC;
import io.netprobe.spi.Backend;
import java.util.Optional;

/**
 * What the Linux ping and traceroute backends share: their id, priority, availability (libc bound through JNA on
 * Linux) and which ICMP sockets they may open. Immutable; thread-safe.
 */
abstract class LinuxIcmpBackend implements Backend {
  static final String ID = "linux-icmp";

  final SocketPolicy policy;

  LinuxIcmpBackend(SocketPolicy policy) {
    this.policy = policy;
  }

  @Override
  public final String id() {
    return ID;
  }

  @Override
  public final int priority() {
    return 50;
  }

  @Override
  public final boolean isAvailable() {
    return LibC.loadFailure() == null;
  }

  /** UNSUPPORTED_PLATFORM when libc could not be bound (not Linux, or JNA missing); empty otherwise. */
  static Optional<ProbeFailure> unsupported() {
    Throwable t = LibC.loadFailure();
    if (t == null) {
      return Optional.empty();
    }
    String os = System.getProperty("os.name", "unknown");
    String message = os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        ? "JNA could not bind libc (" + t + "); when its native stub cannot be unpacked, point -Djna.tmpdir at a "
            + "writable directory"
        : "in-process ICMP is implemented for Linux only; this is " + os;
    return Optional.of(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, message, t));
  }
}
