package io.netprobe.dns.internal;

import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.EdnsInfo;
import io.netprobe.dns.RecordType;
import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Decodes the usual response straight from the wire into netprobe's values, without a dnsjava {@link
 * org.xbill.DNS.Message}: at tens of thousands of answers a second, building dnsjava's records and then their text
 * was most of the loop thread's work. It knows only what most answers hold — A, AAAA, NS, CNAME, PTR, DNAME, MX and
 * SOA records with plain names, an OPT record without options — and gives up (null) on anything else, malformed or
 * not, so that dnsjava and {@link ResponseReader} decide exactly as before. What it returns equals what {@link
 * ResponseReader} makes of the same bytes (ReplyDecoderTest compares them). Stateless; thread-safe.
 */
final class ReplyDecoder {
  private static final int MAX_NAME_WIRE = 255;
  private static final int QUESTION_NAME = 12;

  /** The record types of the codes this decoder knows, made once (a lookup per record showed in the profile). */
  private static final RecordType[] TYPES = new RecordType[Type.AAAA + 1];

  static {
    for (int code : new int[] {Type.A, Type.NS, Type.CNAME, Type.SOA, Type.PTR, Type.MX, Type.AAAA}) {
      TYPES[code] = ResponseReader.type(code);
    }
  }

  private ReplyDecoder() {}

  private static RecordType type(int code) {
    RecordType t = code < TYPES.length ? TYPES[code] : null;
    return t != null ? t : ResponseReader.type(code);
  }

  /**
   * The decoded parts of a response.
   *
   * @param rcode the full rcode (the header's and the OPT record's extended bits)
   * @param opt whether the response carries an OPT record
   */
  record Decoded(DnsHeader header, @Nullable EdnsInfo edns, int rcode, boolean opt, List<DnsAnswer> answers,
      List<DnsAnswer> authority, List<DnsAnswer> additional) {}

  /** The response in {@code b[0..n)}, or null when it holds something only dnsjava decodes (or is malformed). */
  static @Nullable Decoded decode(byte[] b, int n) {
    try {
      return new ReplyDecoder.Cursor(b, n).decode();
    } catch (GiveUp | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Thrown inside the decoder when the response needs dnsjava. */
  private static final class GiveUp extends Exception {
    private static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final class Cursor {
    private final byte[] b;
    private final int n;
    private int pos;
    /** The question name's text once decoded: answers usually point back at it. */
    private @Nullable String questionName;
    /** Where a name's text is put together (at most 255 wire bytes make at most 254 characters). */
    private final byte[] scratch = new byte[MAX_NAME_WIRE];
    private @Nullable EdnsInfo edns;
    private int extendedRcode;

    Cursor(byte[] b, int n) {
      this.b = b;
      this.n = n;
    }

    Decoded decode() throws GiveUp {
      if (n < 12) {
        throw GiveUp.INSTANCE;
      }
      int id = u16(0);
      int flags = u16(2);
      int qd = u16(4);
      int an = u16(6);
      int ns = u16(8);
      int ar = u16(10);
      pos = 12;
      for (int i = 0; i < qd; i++) {
        skipName();
        need(4);
        pos += 4;
      }
      List<DnsAnswer> answers = section(an, false);
      List<DnsAnswer> authority = section(ns, false);
      List<DnsAnswer> additional = section(ar, true);
      int rcode = (flags & 0xf) + (extendedRcode << 4);
      int opcode = (flags >> 11) & 0xf;
      EnumSet<DnsFlag> set = EnumSet.noneOf(DnsFlag.class);
      addIf(set, flags, 0x8000, DnsFlag.QR);
      addIf(set, flags, 0x0400, DnsFlag.AA);
      addIf(set, flags, 0x0200, DnsFlag.TC);
      addIf(set, flags, 0x0100, DnsFlag.RD);
      addIf(set, flags, 0x0080, DnsFlag.RA);
      addIf(set, flags, 0x0020, DnsFlag.AD);
      addIf(set, flags, 0x0010, DnsFlag.CD);
      DnsHeader header = new DnsHeader(id, Opcode.string(opcode), Rcode.string(rcode), set);
      return new Decoded(header, edns, rcode, edns != null, answers, authority, additional);
    }

    private static void addIf(EnumSet<DnsFlag> set, int flags, int bit, DnsFlag flag) {
      if ((flags & bit) != 0) {
        set.add(flag);
      }
    }

    /** {@code count} records; an OPT record is taken only in the additional section. */
    private List<DnsAnswer> section(int count, boolean additional) throws GiveUp {
      List<DnsAnswer> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String owner = name();
        need(10);
        int type = u16(pos);
        int dnsClass = u16(pos + 2);
        long ttl = u32(pos + 4);
        int length = u16(pos + 8);
        pos += 10;
        int end = pos + length;
        if (end > n) {
          throw GiveUp.INSTANCE;
        }
        if (type == Type.OPT) {
          // one OPT record, owned by the root, without options (NSID, EDE: ResponseReader reads those)
          if (!additional || edns != null || !owner.equals(".") || length != 0) {
            throw GiveUp.INSTANCE;
          }
          edns = new EdnsInfo(dnsClass, (int) (ttl >>> 16) & 0xff, (ttl & ExtendedFlags.DO) != 0, Optional.empty(),
              List.of());
          extendedRcode = (int) (ttl >>> 24) & 0xff;
          continue;
        }
        if (ttl > Integer.MAX_VALUE) {
          throw GiveUp.INSTANCE; // dnsjava's records refuse TTLs past 2^31 - 1: it decides
        }
        String data = rdata(type, end);
        if (pos != end) {
          throw GiveUp.INSTANCE;
        }
        out.add(new DnsAnswer(owner, Duration.ofSeconds(ttl), dnsClass == DClass.IN ? "IN" : DClass.string(dnsClass), type(type),
            data));
      }
      return out;
    }

    /** The record data as {@link RdataText} writes it, for the types this decoder knows. */
    private String rdata(int type, int end) throws GiveUp {
      switch (type) {
        case Type.A -> {
          if (end - pos != 4) {
            throw GiveUp.INSTANCE;
          }
          String text = (b[pos] & 0xff) + "." + (b[pos + 1] & 0xff) + "." + (b[pos + 2] & 0xff) + "."
              + (b[pos + 3] & 0xff);
          pos = end;
          return text;
        }
        case Type.AAAA -> {
          if (end - pos != 16 || v4Mapped()) {
            throw GiveUp.INSTANCE;
          }
          byte[] address = java.util.Arrays.copyOfRange(b, pos, end);
          pos = end;
          try {
            return HostParser.format(InetAddress.getByAddress(address));
          } catch (UnknownHostException cannotHappen) {
            throw GiveUp.INSTANCE;
          }
        }
        case Type.NS, Type.CNAME, Type.PTR, Type.DNAME -> {
          return name();
        }
        case Type.MX -> {
          need(2);
          int preference = u16(pos);
          pos += 2;
          return preference + " " + name();
        }
        case Type.SOA -> {
          String host = name();
          String admin = name();
          need(20);
          String text = host + " " + admin + " " + u32(pos) + " " + u32(pos + 4) + " " + u32(pos + 8) + " "
              + u32(pos + 12) + " " + u32(pos + 16);
          pos += 20;
          return text;
        }
        default -> throw GiveUp.INSTANCE;
      }
    }

    /** Skips a name (the question's), checking its labels as {@link #name()} does. */
    private void skipName() throws GiveUp {
      int start = pos;
      String text = name();
      if (start == QUESTION_NAME) {
        questionName = text;
      }
    }

    /**
     * A name as dnsjava's {@code Name.toString()} writes it (absolute, trailing dot, case kept), following
     * compression pointers backwards only; gives up on any byte dnsjava would escape.
     */
    private String name() throws GiveUp {
      int p = pos;
      int end = -1;
      int length = 0; // characters written to the scratch buffer: the labels with their dots
      int jumps = 0;
      while (true) {
        if (p >= n) {
          throw GiveUp.INSTANCE;
        }
        int len = b[p] & 0xff;
        if ((len & 0xc0) == 0xc0) {
          if (p + 1 >= n) {
            throw GiveUp.INSTANCE;
          }
          int target = ((len & 0x3f) << 8) | (b[p + 1] & 0xff);
          if (end < 0) {
            end = p + 2;
          }
          if (target >= p || ++jumps > 64) {
            throw GiveUp.INSTANCE;
          }
          if (target == QUESTION_NAME && questionName != null && length == 0) {
            pos = end;
            return questionName;
          }
          p = target;
          continue;
        }
        if ((len & 0xc0) != 0) {
          throw GiveUp.INSTANCE;
        }
        if (len == 0) {
          if (end < 0) {
            end = p + 1;
          }
          pos = end;
          // ISO-8859-1 of ASCII bytes: a plain copy into a compact string
          return length == 0 ? "." : new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        }
        if (length + len + 2 > MAX_NAME_WIRE || p + 1 + len > n) {
          throw GiveUp.INSTANCE;
        }
        for (int i = p + 1; i <= p + len; i++) {
          int c = b[i] & 0xff;
          boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_' || c == '*';
          if (!plain) {
            throw GiveUp.INSTANCE;
          }
          scratch[length++] = (byte) c;
        }
        scratch[length++] = '.';
        p += len + 1;
      }
    }

    /** An IPv4-mapped IPv6 address, which the JDK turns into an IPv4 one: left to dnsjava. */
    private boolean v4Mapped() {
      for (int i = 0; i < 10; i++) {
        if (b[pos + i] != 0) {
          return false;
        }
      }
      return b[pos + 10] == (byte) 0xff && b[pos + 11] == (byte) 0xff;
    }

    private void need(int bytes) throws GiveUp {
      if (pos + bytes > n) {
        throw GiveUp.INSTANCE;
      }
    }

    private int u16(int at) {
      return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private long u32(int at) {
      return ((long) u16(at) << 16) | u16(at + 2);
    }
  }
}
