package io.netprobe.dns.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.net.HostParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import javax.annotation.Nullable;

/** Checks for a source address given with {@code dig -b}. Stateless; thread-safe. */
final class SourceAddress {
  private SourceAddress() {}

  /** Why queries cannot be sent from {@code local}, or null when they can (an address of this machine). */
  static @Nullable ProbeFailure check(@Nullable InetAddress local) {
    if (local == null || local.isAnyLocalAddress() || local.isLoopbackAddress()) {
      // every 127/8 address is this machine's on Linux, though only 127.0.0.1 is on lo's list
      return null;
    }
    try {
      if (NetworkInterface.getByInetAddress(local) != null) {
        return null;
      }
    } catch (SocketException e) {
      return notOwned(local, e);
    }
    return notOwned(local, null);
  }

  static ProbeFailure notOwned(InetAddress local, @Nullable IOException cause) {
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "cannot send from " + HostParser.format(local)
        + ": it is not an address of this machine (-b names a local address to send from)", cause);
  }
}
