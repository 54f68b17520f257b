package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;

/**
 * The MTU the kernel knows for the path to a target (the route's, or a smaller one learnt from "fragmentation
 * needed"), as {@code tracepath} reads it: a UDP socket connected to the target with don't-fragment set, then
 * {@code IP_MTU} / {@code IPV6_MTU}. No packet is sent. Stateless.
 */
final class PathMtu {
  private PathMtu() {}

  /** The path MTU to {@code target} leaving as {@code key} says, or -1 when the kernel does not say. */
  static int of(InetAddress target, EchoKey key) {
    boolean v6 = SocketAddresses.isV6(target);
    try (NativeSocket s = NativeSocket.open(v6, LibC.SOCK_DGRAM, LibC.IPPROTO_UDP)) {
      s.dontFragment();
      key.leaveFrom(s);
      s.connect(target, 1025);
      return s.getInt(v6 ? LibC.SOL_IPV6 : LibC.SOL_IP, v6 ? LibC.IPV6_MTU : LibC.IP_MTU);
    } catch (ErrnoException e) {
      return -1;
    }
  }
}
