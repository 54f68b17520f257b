package io.netprobe.icmp;

/**
 * Receives a ping's replies and ICMP errors as they arrive, for live output like {@code ping}'s one line per reply.
 * Called from the probing thread, in order of arrival (duplicates included); must be quick and must not throw (an
 * exception it throws is ignored). Implementations that share state with other threads must synchronize it.
 */
@FunctionalInterface
public interface PingListener {
  /** An echo reply (or, with the TCP fallback, an answered connect) has arrived. */
  void onReply(PingReply reply);

  /** An ICMP error came back instead of a reply. Does nothing by default. */
  default void onError(IcmpError error) {}

  /** A listener that does nothing. */
  PingListener NONE = reply -> {};
}
