package io.netprobe.sockets.internal.icmp;

/**
 * Keeps an echo request's ICMP checksum constant while its sequence changes (Paris traceroute's ICMP probes): the
 * first payload word is {@code ~sequence}, so sequence plus that word is 0xffff in one's-complement arithmetic for
 * every sequence. With the identifier fixed (by the kernel on a datagram ICMP socket, by netprobe on a raw one),
 * type, code and checksum — the first four octets a load balancer hashes — never change. Pure functions;
 * thread-safe.
 */
final class FlowStableEcho {
  /** Where the compensation word sits: the first payload word, after the 8-byte echo header. */
  static final int WORD = IcmpPacket.HEADER;

  private FlowStableEcho() {}

  /**
   * Writes {@code flow} into the second payload word: the checksum then differs by flow and stays constant within
   * one (an all-paths trace's flows over ICMP). Call before setting the sequence.
   */
  static void flow(byte[] echo, int flow) {
    echo[WORD + 2] = (byte) (flow >>> 8);
    echo[WORD + 3] = (byte) flow;
  }

  /** Writes {@code ~sequence} into {@code echo}'s first payload word; call before setting the sequence. */
  static void compensate(byte[] echo, int sequence) {
    echo[WORD] = (byte) ~(sequence >>> 8);
    echo[WORD + 1] = (byte) ~sequence;
  }
}
