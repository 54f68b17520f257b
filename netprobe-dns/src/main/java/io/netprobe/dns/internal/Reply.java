package io.netprobe.dns.internal;

import java.io.IOException;
import javax.annotation.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * A response as received: either decoded straight from the wire ({@link ReplyDecoder}), with the dnsjava {@link
 * Message} parsed only if someone asks for it, or a dnsjava message from the start. Thread-safe.
 */
final class Reply {
  private final @Nullable byte[] wire;
  private final @Nullable ReplyDecoder.Decoded decoded;
  private volatile @Nullable Message message;

  private Reply(@Nullable byte[] wire, @Nullable ReplyDecoder.Decoded decoded, @Nullable Message message) {
    this.wire = wire;
    this.decoded = decoded;
    this.message = message;
  }

  static Reply of(Message message) {
    return new Reply(null, null, message);
  }

  /** A response {@link ReplyDecoder} decoded from {@code wire}. */
  static Reply decoded(byte[] wire, ReplyDecoder.Decoded decoded) {
    return new Reply(wire, decoded, null);
  }

  /** The decoded parts, or null when only the dnsjava message exists. */
  @Nullable ReplyDecoder.Decoded decodedParts() {
    return decoded;
  }

  /** The dnsjava message, parsed on first use when the response was decoded from the wire. */
  Message message() {
    Message m = message;
    if (m == null) {
      try {
        m = new Message(wire);
      } catch (IOException e) {
        // the decoder accepts only what dnsjava reads too
        throw new IllegalStateException("a decoded response does not parse", e);
      }
      message = m;
    }
    return m;
  }

  int rcode() {
    return decoded != null ? decoded.rcode() : message().getRcode();
  }

  boolean hasOpt() {
    return decoded != null ? decoded.opt() : message().getOPT() != null;
  }

  boolean truncated() {
    return decoded != null ? decoded.header().has(io.netprobe.dns.DnsFlag.TC)
        : message().getHeader().getFlag(Flags.TC);
  }

  int id() {
    return decoded != null ? decoded.header().id() : message().getHeader().getID();
  }
}
