package io.netprobe.http.internal;

import io.netprobe.Host;
import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CDN address ranges shipped in {@code edge-ip-ranges.txt}, each with the date it was published. Loaded once;
 * immutable and thread-safe.
 */
final class EdgeIpRanges {
  /** One provider's range that contains an address, and when the list was published. */
  record Match(EdgeProvider provider, String cidr, String publishedOn) {}

  private record Range(EdgeProvider provider, byte[] network, int prefix, String cidr, String publishedOn) {
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

  private static final List<Range> RANGES = load("edge-ip-ranges.txt");

  private EdgeIpRanges() {}

  static Optional<Match> find(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range r : RANGES) {
      if (r.contains(bytes)) {
        return Optional.of(new Match(r.provider(), r.cidr(), r.publishedOn()));
      }
    }
    return Optional.empty();
  }

  static int size() {
    return RANGES.size();
  }

  private static List<Range> load(String resource) {
    List<Range> out = new ArrayList<>();
    try (InputStream in = EdgeIpRanges.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      EdgeProvider provider = null;
      String date = "";
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        if (text.startsWith("@")) {
          String[] parts = text.substring(1).split("\\s+");
          provider = EdgeProvider.valueOf(parts[0]);
          date = parts.length > 1 ? parts[1] : "";
          continue;
        }
        if (provider == null) {
          throw new IllegalStateException(resource + ": range " + text + " before any @PROVIDER line");
        }
        out.add(parse(provider, text, date));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  private static Range parse(EdgeProvider provider, String cidr, String date) {
    int slash = cidr.indexOf('/');
    InetAddress network = Host.of(cidr.substring(0, slash)).literal()
        .orElseThrow(() -> new IllegalStateException("not an address: " + cidr));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    return new Range(provider, network.getAddress(), prefix, cidr, date);
  }
}
