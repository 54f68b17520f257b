package io.netprobe.diagnose.engine.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;

/** Whether addresses belong to this machine, from its interface list (no traffic). Stateless; thread-safe. */
final class LocalMachine {
  private LocalMachine() {}

  static boolean isLocal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  static boolean anyLocal(Collection<InetAddress> addresses) {
    return addresses.stream().anyMatch(LocalMachine::isLocal);
  }
}
