package io.netprobe.internal;

import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published address ranges of CDN edges, with the date each provider published its list. The shipped copy is
 * {@code edge-ip-ranges.txt} next to this class, read once and never fetched at run time; it is the one source that
 * the HTTP backend's edge detection and diagnose's path inference share. Immutable; thread-safe.
 */
public final class EdgeRanges {
  /** A provider's published range that contains an address, and the date of that provider's list. */
  public record Match(EdgeProvider provider, String cidr, LocalDate publishedOn) {}

  private record Range(EdgeProvider provider, byte[] network, int prefix, String cidr) {
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

  static final String RESOURCE = "edge-ip-ranges.txt";
  private static final EdgeRanges SHIPPED = load(RESOURCE);

  private final List<Range> ranges;
  private final Map<EdgeProvider, LocalDate> publishedOn;

  private EdgeRanges(List<Range> ranges, Map<EdgeProvider, LocalDate> publishedOn) {
    this.ranges = List.copyOf(ranges);
    this.publishedOn = Map.copyOf(publishedOn);
  }

  /** The ranges shipped with netprobe. */
  public static EdgeRanges shipped() {
    return SHIPPED;
  }

  /** The first range (in file order) that contains {@code address}. */
  public Optional<Match> find(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range r : ranges) {
      if (r.contains(bytes)) {
        return Optional.of(new Match(r.provider(), r.cidr(), publishedOn.get(r.provider())));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code address} is in any of {@code provider}'s ranges. */
  public boolean contains(EdgeProvider provider, InetAddress address) {
    byte[] bytes = address.getAddress();
    return ranges.stream().anyMatch(r -> r.provider() == provider && r.contains(bytes));
  }

  /** When {@code provider} published the list these ranges come from; empty when none is shipped for it. */
  public Optional<LocalDate> publishedOn(EdgeProvider provider) {
    return Optional.ofNullable(publishedOn.get(provider));
  }

  /** How many ranges there are, over all providers. */
  public int size() {
    return ranges.size();
  }

  private static EdgeRanges load(String resource) {
    try (InputStream in = EdgeRanges.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the format of {@code edge-ip-ranges.txt}: {@code #} comments, a {@code @PROVIDER yyyy-mm-dd source} line
   * opening each provider's section, then one CIDR block a line.
   */
  static EdgeRanges parse(String source, BufferedReader reader) throws IOException {
    List<Range> ranges = new ArrayList<>();
    Map<EdgeProvider, LocalDate> dates = new EnumMap<>(EdgeProvider.class);
    EdgeProvider provider = null;
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String where = source + ":" + number + ": ";
      if (text.startsWith("@")) {
        String[] parts = text.substring(1).split("\\s+");
        provider = provider(where, parts[0]);
        if (parts.length < 2) {
          throw new IllegalStateException(where + "@" + parts[0] + " names no publication date (yyyy-mm-dd)");
        }
        if (dates.put(provider, date(where, parts[1])) != null) {
          throw new IllegalStateException(where + "a second section for " + provider);
        }
        continue;
      }
      if (provider == null) {
        throw new IllegalStateException(where + "range " + text + " before any @PROVIDER line");
      }
      ranges.add(range(where, provider, text));
    }
    return new EdgeRanges(ranges, dates);
  }

  private static EdgeProvider provider(String where, String name) {
    try {
      return EdgeProvider.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + name + " is not an io.netprobe.http.EdgeProvider constant", e);
    }
  }

  private static LocalDate date(String where, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(where + text + " is not a date (yyyy-mm-dd)", e);
    }
  }

  private static Range range(String where, EdgeProvider provider, String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress network = slash < 0 ? null : HostParser.parse(cidr.substring(0, slash)).literal();
    if (network == null) {
      throw new IllegalStateException(where + cidr + " is not an address/prefix block");
    }
    byte[] bytes = network.getAddress();
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
    return new Range(provider, bytes, prefix, cidr);
  }
}
