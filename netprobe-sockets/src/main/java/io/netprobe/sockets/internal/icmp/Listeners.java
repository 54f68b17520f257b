package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingReply;

/** Calls a caller's {@link PingListener} so that a listener that throws cannot end the probe. Stateless. */
final class Listeners {
  private Listeners() {}

  static void reply(PingListener listener, PingReply reply) {
    try {
      listener.onReply(reply);
    } catch (RuntimeException listenerBug) {
      // the listener must not throw; a bad one must not cost the ping its result
    }
  }

  static void error(PingListener listener, IcmpError error) {
    try {
      listener.onError(error);
    } catch (RuntimeException listenerBug) {
      // as above
    }
  }
}
