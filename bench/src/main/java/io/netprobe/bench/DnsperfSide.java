package io.netprobe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the DNS benchmarks share: a zone of numbered names ({@code n0.bench.test} … with an A record each), the same
 * names as a {@code dnsperf} query file, a {@code dnsperf} run against a {@link LocalNsd}, and the report of
 * alternating netprobe/dnsperf rounds. Not thread-safe.
 */
final class DnsperfSide {
  static final String ZONE = "bench.test";

  private DnsperfSide() {}

  /** The names {@code n0.bench.test} … {@code n<count-1>.bench.test}. */
  static List<String> names(int count) {
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add("n" + i + "." + ZONE);
    }
    return list;
  }

  /** The zone file: SOA, NS and an A record in 10/8 for each of {@code count} numbered names. */
  static String zoneText(int count) {
    StringBuilder zone = new StringBuilder("$ORIGIN " + ZONE + ".\n$TTL 300\n"
        + "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 127.0.0.1\n");
    for (int i = 0; i < count; i++) {
      zone.append('n').append(i).append(" IN A 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255)
          .append('.').append(i & 255).append('\n');
    }
    return zone.toString();
  }

  /** A temporary dnsperf query file asking A for each name; the caller deletes it. */
  static Path queryFile(List<String> names) throws IOException {
    Path queries = Files.createTempFile("netprobe-dnsperf", ".txt");
    Files.write(queries, names.stream().map(n -> n + " A").toList(), StandardCharsets.US_ASCII);
    return queries;
  }

  /** One dnsperf pass over {@code queries}: one client, {@code window} outstanding. */
  record Run(double queriesPerSecond, long lost, double cpuSeconds) {}

  static Run dnsperf(LocalNsd nsd, Path queries, int window) throws IOException, InterruptedException {
    // /usr/bin/time gives dnsperf's own CPU time (user + system), to compare with netprobe's per query
    String out = run("/usr/bin/time", "-f", "dnsperf-cpu %U %S", "dnsperf", "-s", "127.0.0.1", "-p",
        String.valueOf(nsd.port), "-d", queries.toString(), "-c", "1", "-q", String.valueOf(window), "-n", "1");
    return new Run(number(out, "Queries per second:\\s+([0-9.]+)"), (long) number(out, "Queries lost:\\s+([0-9]+)"),
        number(out, "dnsperf-cpu ([0-9.]+)") + number(out, "dnsperf-cpu [0-9.]+ ([0-9.]+)"));
  }

  /** Prints the medians of both sides and of the per-round ratios netprobe/dnsperf. */
  static void report(String what, double[] ours, double[] theirs, double[] ratios, long ourLost, long theirLost) {
    report(what, ours, theirs, ratios, ourLost, theirLost, null, null);
  }

  /**
   * The same with the CPU time per query of each side (µs, medians of the rounds; netprobe's is the whole JVM's,
   * so it includes GC and JIT), which a busy machine disturbs far less than the rates.
   */
  static void report(String what, double[] ours, double[] theirs, double[] ratios, long ourLost, long theirLost,
      double[] ourCpu, double[] theirCpu) {
    System.out.printf("%s, %d alternating rounds (medians)%n", what, ours.length);
    System.out.printf("  netprobe  %,10.0f qps  lost %d%s%n", median(ours), ourLost,
        ourCpu == null ? "" : String.format("  cpu %.1f us/query (min %.1f)", median(ourCpu),
            Arrays.stream(ourCpu).min().orElse(0)));
    System.out.printf("  dnsperf   %,10.0f qps  lost %d%s%n", median(theirs), theirLost,
        theirCpu == null ? "" : String.format("  cpu %.1f us/query (min %.1f)", median(theirCpu),
            Arrays.stream(theirCpu).min().orElse(0)));
    System.out.printf("  ratio netprobe/dnsperf = %.2f (median of per-round ratios; min %.2f, max %.2f)%n",
        median(ratios), Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0));
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
