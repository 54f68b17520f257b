package io.netprobe.icmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * AS numbers for addresses from a local file the user gives — never a network lookup. One line per range, fields
 * separated by tabs or commas, {@code #} comments and blank lines ignored, gzip read transparently ({@code .gz}):
 *
 * <ul>
 *   <li>iptoasn.com ({@code ip2asn-v4.tsv}, {@code -v6}, {@code -combined}):
 *       {@code range_start range_end AS_number country_code AS_description};
 *   <li>DB-IP Lite ASN / ip-location-db CSV: {@code range_start,range_end,AS_number,AS_organization};
 *   <li>prefixes: {@code 192.0.2.0/24,64500[,description]}.
 * </ul>
 *
 * <p>Ranges are inclusive; AS 0 ("not routed") is no answer. Where prefixes nest, the narrowest one that contains
 * the address wins (among the 64 ranges starting closest below it). Immutable and thread-safe once loaded.
 */
public final class AsnTable {
  private static final int NEST_SCAN = 64;

  private record Range(BigInteger start, BigInteger end, AsInfo info) {}

  private final List<Range> v4;
  private final List<Range> v6;

  private AsnTable(List<Range> v4, List<Range> v6) {
    this.v4 = v4;
    this.v6 = v6;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the line when a line is not one of the formats
   */
  public static AsnTable load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream body = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return read(new InputStreamReader(body, StandardCharsets.UTF_8));
    }
  }

  /** Reads the table from {@code reader} (not closed). */
  public static AsnTable read(Reader reader) throws IOException {
    List<Range> v4 = new ArrayList<>();
    List<Range> v6 = new ArrayList<>();
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] f = trimmed.split(trimmed.indexOf('\t') >= 0 ? "\t" : ",", -1);
      try {
        parse(f, v4, v6);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + " is not an IP-to-ASN range (" + e.getMessage()
            + "): " + escape(trimmed));
      }
    }
    Comparator<Range> order = Comparator.comparing(Range::start).thenComparing(Range::end, Comparator.reverseOrder());
    v4.sort(order);
    v6.sort(order);
    return new AsnTable(List.copyOf(v4), List.copyOf(v6));
  }

  private static void parse(String[] f, List<Range> v4, List<Range> v6) {
    InetAddress first;
    BigInteger start;
    BigInteger end;
    int next;
    if (f[0].contains("/")) {
      String[] prefix = f[0].strip().split("/", 2);
      first = address(prefix[0]);
      int bits = first instanceof Inet4Address ? 32 : 128;
      int length = Integer.parseInt(prefix[1].strip());
      if (length < 0 || length > bits) {
        throw new IllegalArgumentException("prefix length " + length);
      }
      BigInteger host = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
      start = new BigInteger(1, first.getAddress()).andNot(host);
      end = start.or(host);
      next = 1;
    } else {
      if (f.length < 3) {
        throw new IllegalArgumentException("need start, end and AS number");
      }
      first = address(f[0]);
      InetAddress last = address(f[1]);
      if (first.getClass() != last.getClass()) {
        throw new IllegalArgumentException("start and end of different families");
      }
      start = new BigInteger(1, first.getAddress());
      end = new BigInteger(1, last.getAddress());
      next = 2;
    }
    if (f.length <= next) {
      throw new IllegalArgumentException("no AS number");
    }
    long asn = Long.parseLong(f[next].strip().replaceFirst("^(?i)AS", ""));
    if (asn == 0) {
      return;
    }
    Optional<String> country = Optional.empty();
    Optional<String> name = Optional.empty();
    int rest = f.length - next - 1;
    if (rest >= 2 && !f[0].contains("/")) {
      country = text(f[next + 1]);
      name = text(f[next + 2]);
    } else if (rest >= 1) {
      name = text(f[next + 1]);
    }
    (first instanceof Inet4Address ? v4 : v6).add(new Range(start, end, new AsInfo(asn, country, name)));
  }

  private static Optional<String> text(String s) {
    String t = s.strip();
    return t.isEmpty() || t.equals("None") || t.equals("Not routed") ? Optional.empty() : Optional.of(t);
  }

  private static InetAddress address(String s) {
    String t = s.strip();
    if (t.isEmpty() || !t.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IP address: " + escape(t));
    }
    try {
      return InetAddress.getByName(t);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + escape(t));
    }
  }

  private static String escape(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** The AS of {@code address}: the narrowest range containing it; empty when none does. */
  public Optional<AsInfo> lookup(InetAddress address) {
    List<Range> ranges = address instanceof Inet4Address ? v4 : v6;
    BigInteger key = new BigInteger(1, address.getAddress());
    int lo = 0;
    int hi = ranges.size() - 1;
    int at = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (ranges.get(mid).start().compareTo(key) <= 0) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    Range best = null;
    for (int i = at; i >= 0 && i > at - NEST_SCAN; i--) {
      Range r = ranges.get(i);
      if (r.end().compareTo(key) >= 0 && (best == null || r.end().subtract(r.start()).compareTo(
          best.end().subtract(best.start())) < 0)) {
        best = r;
      }
    }
    return best == null ? Optional.empty() : Optional.of(best.info());
  }

  /** How many ranges were loaded. */
  public int size() {
    return v4.size() + v6.size();
  }
}
