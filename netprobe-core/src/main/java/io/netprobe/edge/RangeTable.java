package io.netprobe.edge;

import io.netprobe.core.Host;
import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The published address ranges of CDN edges ({@code edge-ip-ranges.txt}), each with the date its provider published
 * the list. Immutable; thread-safe.
 */
final class RangeTable {
  static final String RESOURCE = "edge-ip-ranges.txt";

  private record Range(EdgeProvider provider, byte[] network, int prefix, EdgeRange published) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;
  private final List<SectionFile.Section> sections;

  private RangeTable(List<Range> ranges, List<SectionFile.Section> sections) {
    this.ranges = List.copyOf(ranges);
    this.sections = List.copyOf(sections);
  }

  static RangeTable shipped() {
    return of(SectionFile.load(RESOURCE));
  }

  static RangeTable parse(String source, BufferedReader reader) throws IOException {
    return of(SectionFile.read(source, reader));
  }

  private static RangeTable of(List<SectionFile.Section> sections) {
    List<Range> ranges = new ArrayList<>();
    for (SectionFile.Section s : sections) {
      for (SectionFile.Entry e : s.entries()) {
        ranges.add(range(e.where(), s, e.text()));
      }
    }
    return new RangeTable(ranges, sections);
  }

  /** The first range (in file order) that contains {@code address}. */
  Optional<EdgeRange> find(InetAddress address) {
    byte[] bytes = address.getAddress();
    return ranges.stream().filter(r -> r.contains(bytes)).findFirst().map(Range::published);
  }

  boolean contains(EdgeProvider provider, InetAddress address) {
    byte[] bytes = address.getAddress();
    return ranges.stream().anyMatch(r -> r.provider() == provider && r.contains(bytes));
  }

  Optional<SectionFile.Section> section(EdgeProvider provider) {
    return sections.stream().filter(s -> s.provider() == provider).findFirst();
  }

  List<SectionFile.Section> sections() {
    return sections;
  }

  int size() {
    return ranges.size();
  }

  private static Range range(String where, SectionFile.Section section, String cidr) {
    int slash = cidr.indexOf('/');
    Optional<InetAddress> network = Optional.empty();
    if (slash > 0) {
      try {
        network = Host.of(cidr.substring(0, slash)).literal();
      } catch (IllegalArgumentException notAHost) {
        network = Optional.empty();
      }
    }
    if (network.isEmpty()) {
      throw new IllegalStateException(where + cidr + " is not an address/prefix block");
    }
    byte[] bytes = network.get().getAddress();
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalStateException(where + cidr + ": the prefix length must be 0 to " + bytes.length * 8);
    }
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalStateException(where + cidr + " has bits set after its prefix");
      }
    }
    return new Range(section.provider(), bytes, prefix, new EdgeRange(section.provider(), cidr, section.date()));
  }
}
