package io.netprobe.dns.internal;

import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.LOCRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Record data in the presentation text dig (BIND 9.18) prints, where dnsjava's {@link Record#rdataToString()}
 * differs: AAAA in RFC 5952 short form, every TXT string quoted, SVCB/HTTPS alpn values quoted and IPv6 hints
 * shortened, long hex and base64 fields cut into 56-character chunks, LOC with fixed decimals. Each rule is checked
 * against dig in the NSD integration test. Stateless; thread-safe.
 */
final class RdataText {
  /** Types whose last field is hex or base64 that BIND prints in chunks of 56 characters. */
  private static final Set<Integer> CHUNKED_LAST_FIELD = Set.of(Type.DS, Type.CDS, Type.DNSKEY, Type.CDNSKEY,
      Type.KEY, Type.RRSIG, Type.SIG, Type.SSHFP, Type.TLSA, Type.SMIMEA, Type.OPENPGPKEY, Type.DHCID, Type.ZONEMD,
      Type.CERT, Type.DLV);
  private static final int CHUNK = 56;

  private RdataText() {}

  static String of(Record r) {
    if (r instanceof AAAARecord) {
      return HostParser.format(((AAAARecord) r).getAddress());
    }
    if (r instanceof TXTRecord) {
      return characterStrings(((TXTRecord) r).getStringsAsByteArrays());
    }
    if (r instanceof SPFRecord) {
      return characterStrings(((SPFRecord) r).getStringsAsByteArrays());
    }
    if (r instanceof LOCRecord) {
      return loc(r.rdataToWireCanonical());
    }
    String text = r.rdataToString();
    if (r.getType() == Type.SVCB || r.getType() == Type.HTTPS) {
      return serviceBinding(text);
    }
    if (CHUNKED_LAST_FIELD.contains(r.getType())) {
      return chunkLastField(text);
    }
    return text;
  }

  private static String characterStrings(List<byte[]> strings) {
    StringBuilder sb = new StringBuilder();
    for (byte[] s : strings) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append('"');
      for (byte b : s) {
        int c = b & 0xff;
        if (c == '"' || c == '\\') {
          sb.append('\\').append((char) c);
        } else if (c < 0x20 || c >= 0x7f) {
          sb.append('\\').append(String.format("%03d", c));
        } else {
          sb.append((char) c);
        }
      }
      sb.append('"');
    }
    return sb.toString();
  }

  private static String chunkLastField(String text) {
    int space = text.lastIndexOf(' ');
    String last = text.substring(space + 1);
    if (last.length() <= CHUNK) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.substring(0, space + 1));
    for (int i = 0; i < last.length(); i += CHUNK) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(last, i, Math.min(last.length(), i + CHUNK));
    }
    return sb.toString();
  }

  private static String serviceBinding(String text) {
    String[] fields = text.split(" ");
    for (int i = 2; i < fields.length; i++) {
      String f = fields[i];
      if (f.startsWith("alpn=") && !f.startsWith("alpn=\"")) {
        fields[i] = "alpn=\"" + f.substring(5) + "\"";
      } else if (f.startsWith("ipv6hint=")) {
        StringBuilder hints = new StringBuilder("ipv6hint=");
        String[] addresses = f.substring(9).split(",");
        for (int a = 0; a < addresses.length; a++) {
          hints.append(a == 0 ? "" : ",").append(shortIpv6(addresses[a]));
        }
        fields[i] = hints.toString();
      }
    }
    return String.join(" ", fields);
  }

  private static String shortIpv6(String address) {
    try {
      return HostParser.format(InetAddress.getByName(address)); // contains ':' so it is parsed, never looked up
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** RFC 1876 wire data as BIND prints it: {@code 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m}. */
  private static String loc(byte[] wire) {
    ByteBuffer b = ByteBuffer.wrap(wire);
    b.get(); // version 0
    int size = b.get() & 0xff;
    int hp = b.get() & 0xff;
    int vp = b.get() & 0xff;
    long lat = (b.getInt() & 0xffffffffL) - (1L << 31);
    long lon = (b.getInt() & 0xffffffffL) - (1L << 31);
    long alt = (b.getInt() & 0xffffffffL) - 10_000_000L;
    return angle(lat, 'N', 'S') + " " + angle(lon, 'E', 'W') + " " + altitude(alt) + " " + precision(size) + " "
        + precision(hp) + " " + precision(vp);
  }

  private static String angle(long thousandths, char positive, char negative) {
    char hemisphere = thousandths < 0 ? negative : positive;
    long v = Math.abs(thousandths);
    long ms = v % 1000;
    v /= 1000;
    long s = v % 60;
    v /= 60;
    long m = v % 60;
    long d = v / 60;
    return String.format("%d %d %d.%03d %c", d, m, s, ms, hemisphere);
  }

  private static String altitude(long cm) {
    String sign = cm < 0 ? "-" : "";
    long v = Math.abs(cm);
    return String.format("%s%d.%02dm", sign, v / 100, v % 100);
  }

  private static String precision(int encoded) {
    long cm = (encoded >> 4) * (long) Math.pow(10, encoded & 0xf);
    return cm % 100 == 0 && cm != 0 ? (cm / 100) + "m" : String.format("%d.%02dm", cm / 100, cm % 100);
  }
}
