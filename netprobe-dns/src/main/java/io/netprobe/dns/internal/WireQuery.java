package io.netprobe.dns.internal;

import io.netprobe.dns.DnsSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    String name = query.name();
    boolean withOpt = edns && query.ednsBufferSize() > 0;
    int nameLength = name.equals(".") ? 1 : name.length() + 2;
    // written byte by byte into one array: a batch encodes thousands, and ByteBuffer's puts cost more than this
    byte[] b = new byte[12 + nameLength + 4 + (withOpt ? 15 : 0)];
    put16(b, 0, id);
    // dig sends AD: "tell me whether you validated it"
    put16(b, 2, (query.recursion() ? RD : 0) | AD);
    put16(b, 4, 1);
    put16(b, 10, withOpt ? 1 : 0);
    int pos = 12 + encodeName(name, b, 12);
    int type = query.type().code();
    int dnsClass = query.dnsClass().code();
    put16(b, pos, type);
    put16(b, pos + 2, dnsClass);
    if (withOpt) {
      // root owner, type OPT, class = UDP size, TTL = extended rcode, version, flags (DO); one empty NSID option
      // to learn which instance behind an anycast address answered
      int o = pos + 4;
      b[o] = 0;
      put16(b, o + 1, Type.OPT);
      put16(b, o + 3, query.ednsBufferSize());
      put16(b, o + 7, query.dnssec() ? DO : 0);
      put16(b, o + 9, 4);
      put16(b, o + 11, NSID);
    }
    return new WireQuery(id, type, b, withOpt, dnsClass);
  }

  private static void put16(byte[] b, int at, int value) {
    b[at] = (byte) (value >> 8);
    b[at + 1] = (byte) value;
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
    byte[] wire = new byte[name.equals(".") ? 1 : name.length() + 2];
    encodeName(name, wire, 0);
    try {
      return new Name(wire);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid DNS name: \"" + name + "\"", e);
    }
  }

  /**
   * Writes the wire form of an ASCII name without the trailing dot ({@code "."} for the root) at {@code at};
   * returns its length.
   */
  private static int encodeName(String name, byte[] out, int at) {
    if (name.equals(".")) {
      out[at] = 0;
      return 1;
    }
    int lengthAt = at;
    int pos = at + 1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        out[lengthAt] = (byte) (pos - lengthAt - 1);
        lengthAt = pos;
      } else {
        out[pos] = (byte) c;
      }
      pos++;
    }
    out[lengthAt] = (byte) (pos - lengthAt - 1);
    out[pos] = 0;
    return pos + 1 - at;
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
