package io.netprobe.icmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ICMP extension structure (RFC 4884) a router appended to a time-exceeded or unreachable message: MPLS label
 * stacks (RFC 4950), interface information (RFC 5837), and any other object kept as class, type and bytes. The
 * parser is here, in core, so that every backend and fake reads the wire alike.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mplsLabels the label stack entries, top first; empty when the router sent none
 * @param interfaces the interfaces the router described
 * @param others objects of other classes, undecoded
 * @param checksumValid whether the structure's checksum was right (or zero, "not computed"); the objects are
 *     decoded either way
 */
public record IcmpExtensions(List<MplsLabel> mplsLabels, List<InterfaceInfo> interfaces, List<Other> others,
    boolean checksumValid) {
  static final int VERSION = 2;
  static final int CLASS_MPLS = 1;
  static final int CLASS_INTERFACE = 2;

  public IcmpExtensions {
    mplsLabels = List.copyOf(mplsLabels);
    interfaces = List.copyOf(interfaces);
    others = List.copyOf(others);
  }

  /**
   * An extension object netprobe does not decode.
   *
   * @param classNum the object's class
   * @param cType the object's C-Type
   * @param payloadHex the object's payload (after its 4-byte header) in lowercase hex
   */
  public record Other(int classNum, int cType, String payloadHex) {
    public Other {
      Objects.requireNonNull(payloadHex, "payloadHex");
    }
  }

  /**
   * Parses the extension structure at {@code data[offset, offset + length)}: a 4-byte header with version 2 and a
   * checksum, then objects ({@code length(16) class(8) c-type(8) payload}). Empty when there is no version-2
   * header there. A truncated or malformed object ends the parse; what came before it is kept.
   */
  public static Optional<IcmpExtensions> parse(byte[] data, int offset, int length) {
    if (offset < 0 || length < 4 || offset + length > data.length || (data[offset] & 0xf0) >>> 4 != VERSION) {
      return Optional.empty();
    }
    int storedChecksum = u16(data, offset + 2);
    boolean valid = storedChecksum == 0 || checksum(data, offset, length) == 0;
    List<MplsLabel> labels = new ArrayList<>();
    List<InterfaceInfo> interfaces = new ArrayList<>();
    List<Other> others = new ArrayList<>();
    int end = offset + length;
    int at = offset + 4;
    while (at + 4 <= end) {
      int objectLength = u16(data, at);
      int classNum = data[at + 2] & 0xff;
      int cType = data[at + 3] & 0xff;
      if (objectLength < 4 || at + objectLength > end) {
        break;
      }
      int payload = at + 4;
      int payloadEnd = at + objectLength;
      if (classNum == CLASS_MPLS && cType == 1) {
        for (int e = payload; e + 4 <= payloadEnd; e += 4) {
          labels.add(MplsLabel.decode((u16(data, e) << 16) | u16(data, e + 2)));
        }
      } else if (classNum == CLASS_INTERFACE) {
        interfaceInfo(data, cType, payload, payloadEnd).ifPresent(interfaces::add);
      } else {
        byte[] bytes = java.util.Arrays.copyOfRange(data, payload, payloadEnd);
        others.add(new Other(classNum, cType, HexFormat.of().formatHex(bytes)));
      }
      at = payloadEnd;
    }
    return Optional.of(new IcmpExtensions(labels, interfaces, others, valid));
  }

  private static Optional<InterfaceInfo> interfaceInfo(byte[] data, int cType, int at, int end) {
    InterfaceInfo.Role role = InterfaceInfo.Role.values()[cType >>> 6];
    OptionalInt ifIndex = OptionalInt.empty();
    Optional<InetAddress> address = Optional.empty();
    Optional<String> name = Optional.empty();
    OptionalInt mtu = OptionalInt.empty();
    if ((cType & 0x08) != 0) {
      if (at + 4 > end) {
        return Optional.empty();
      }
      ifIndex = OptionalInt.of((u16(data, at) << 16) | u16(data, at + 2));
      at += 4;
    }
    if ((cType & 0x04) != 0) {
      if (at + 4 > end) {
        return Optional.empty();
      }
      int afi = u16(data, at);
      int size = afi == 1 ? 4 : afi == 2 ? 16 : -1;
      if (size < 0 || at + 4 + size > end) {
        return Optional.empty();
      }
      try {
        address = Optional.of(InetAddress.getByAddress(java.util.Arrays.copyOfRange(data, at + 4, at + 4 + size)));
      } catch (UnknownHostException impossible) {
        return Optional.empty();
      }
      at += 4 + size;
    }
    if ((cType & 0x02) != 0) {
      int nameLength = at < end ? data[at] & 0xff : 0;
      if (nameLength < 1 || at + nameLength > end) {
        return Optional.empty();
      }
      int textEnd = at + 1;
      while (textEnd < at + nameLength && data[textEnd] != 0) {
        textEnd++;
      }
      name = Optional.of(new String(data, at + 1, textEnd - at - 1, StandardCharsets.UTF_8));
      at += nameLength;
    }
    if ((cType & 0x01) != 0) {
      if (at + 4 > end) {
        return Optional.empty();
      }
      mtu = OptionalInt.of((u16(data, at) << 16) | u16(data, at + 2));
    }
    return Optional.of(new InterfaceInfo(role, ifIndex, address, name, mtu));
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  /** The Internet checksum (RFC 1071) of the range; 0 when the range carries a correct checksum. */
  static int checksum(byte[] data, int offset, int length) {
    long sum = 0;
    int i = offset;
    for (; i + 1 < offset + length; i += 2) {
      sum += u16(data, i);
    }
    if (i < offset + length) {
      sum += (data[i] & 0xff) << 8;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
