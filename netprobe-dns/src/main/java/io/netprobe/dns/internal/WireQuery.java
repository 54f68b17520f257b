package io.netprobe.dns.internal;

import io.netprobe.dns.DnsSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One query on the wire and the rules a response must meet to count as its answer: same id, QR set, and the same
 * question (RFC 5452 §9.1) — an error response may omit the question. The query is encoded by hand (header,
 * question, OPT with an empty NSID option), the same bytes dnsjava would write, because a batch encodes thousands.
 * Immutable; thread-safe.
 *
 * @param id the message id
 * @param type the question type
 * @param wire the encoded query, its question right after the 12-byte header
 * @param edns whether an OPT record was sent
 * @param dnsClass the question class
 */
record WireQuery(int id, int type, byte[] wire, boolean edns, int dnsClass) {
  /** A query of class IN. */
  WireQuery(int id, int type, byte[] wire, boolean edns) {
    this(id, type, wire, edns, DClass.IN);
  }

  private static final int RD = 0x0100;
  private static final int AD = 0x0020;
  private static final int DO = 0x8000;
  private static final int NSID = 3;

  /** Encodes {@code query} with this id; {@code edns} false leaves the OPT record out even when asked for. */
  static WireQuery of(DnsSpec query, int id, boolean edns) {
    byte[] qname = encodeName(query.name());
    boolean withOpt = edns && query.ednsBufferSize() > 0;
    ByteBuffer b = ByteBuffer.allocate(12 + qname.length + 4 + (withOpt ? 15 : 0));
    // dig sends AD: "tell me whether you validated it"
    b.putShort((short) id).putShort((short) ((query.recursion() ? RD : 0) | AD)).putShort((short) 1)
        .putShort((short) 0).putShort((short) 0).putShort((short) (withOpt ? 1 : 0));
    b.put(qname).putShort((short) query.type().code()).putShort((short) query.dnsClass().code());
    if (withOpt) {
      // root owner, type OPT, class = UDP size, TTL = extended rcode, version, flags (DO); one empty NSID option
      // to learn which instance behind an anycast address answered
      b.put((byte) 0).putShort((short) Type.OPT).putShort((short) query.ednsBufferSize()).put((byte) 0)
          .put((byte) 0).putShort((short) (query.dnssec() ? DO : 0)).putShort((short) 4).putShort((short) NSID)
          .putShort((short) 0);
    }
    return new WireQuery(id, query.type().code(), b.array(), withOpt, query.dnsClass().code());
  }

  /** The question name, decoded from the wire (only needed to explain a mismatch). */
  Name name() {
    try {
      DNSInput in = new DNSInput(wire);
      in.jump(12);
      return new Name(in);
    } catch (IOException e) {
      throw new IllegalStateException("the query's own name does not decode", e);
    }
  }

  /** Length of the question section (name, type, class) on the wire. */
  private int questionLength() {
    int pos = 12;
    while (wire[pos] != 0) {
      pos += (wire[pos] & 0xff) + 1;
    }
    return pos + 1 + 4 - 12;
  }

  /** The dnsjava name of an ASCII name without the trailing dot. */
  static Name absolute(String name) {
    try {
      return new Name(encodeName(name));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid DNS name: \"" + name + "\"", e);
    }
  }

  /** The wire form of an ASCII name without the trailing dot ({@code "."} for the root). */
  private static byte[] encodeName(String name) {
    if (name.equals(".")) {
      return new byte[] {0};
    }
    byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[ascii.length + 2];
    int lengthAt = 0;
    int pos = 1;
    for (byte c : ascii) {
      if (c == '.') {
        out[lengthAt] = (byte) (pos - lengthAt - 1);
        lengthAt = pos;
      } else {
        out[pos] = c;
      }
      pos++;
    }
    out[lengthAt] = (byte) (pos - lengthAt - 1);
    return out;
  }

  /**
   * Whether the question section of the response in {@code buffer} (positions 0 to {@code size}) is this query's,
   * compared on the wire (names case-insensitively) without decoding the message. False also when the response
   * has no question or a compressed one: then {@link #mismatch} decides on the decoded message.
   */
  boolean sameQuestionOnWire(ByteBuffer buffer, int size) {
    int qdcount = ((buffer.get(4) & 0xff) << 8) | (buffer.get(5) & 0xff);
    int length = questionLength();
    if (qdcount != 1 || size < 12 + length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      int a = buffer.get(12 + i) & 0xff;
      int b = wire[12 + i] & 0xff;
      if (a != b && (a | 0x20) != (b | 0x20)) {
        return false;
      }
    }
    return true;
  }

  /** Null when {@code response} answers this query; otherwise why it does not. */
  String mismatch(Message response) {
    if (response.getHeader().getID() != id) {
      return "id " + response.getHeader().getID() + " instead of " + id;
    }
    return questionMismatch(response);
  }

  /** Null when {@code response} answers this query's question, whatever its id; otherwise why it does not. */
  String questionMismatch(Message response) {
    if (!response.getHeader().getFlag(Flags.QR)) {
      return "QR flag not set";
    }
    Record q = response.getQuestion();
    if (q == null) {
      return response.getRcode() == 0 ? "no question section" : null;
    }
    Name name = name();
    if (!q.getName().equals(name) || q.getType() != type || q.getDClass() != dnsClass) {
      return "question " + q.getName() + " " + DClass.string(q.getDClass()) + " " + Type.string(q.getType())
          + " instead of " + name + " " + DClass.string(dnsClass) + " " + Type.string(type);
    }
    return null;
  }

  /** The query's size in bytes. */
  int size() {
    return wire.length;
  }
}
