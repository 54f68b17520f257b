package io.netprobe.bench;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DNS benchmark against a local NSD: batch resolution of 10,000 distinct names by netprobe vs {@code dnsperf} with
 * the same names, server and window; then single-query latency of netprobe vs dig's reported query time vs
 * dnsjava's {@code SimpleResolver.send}. Usage: {@code bench/run.sh dns [names] [window] [rounds]}.
 */
public final class DnsBench {
  private static final String ZONE = DnsperfSide.ZONE;

  private DnsBench() {}

  public static void main(String[] args) throws Exception {
    int names = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> list = DnsperfSide.names(names);
    try (LocalNsd nsd = LocalNsd.start(ZONE, DnsperfSide.zoneText(names))) {
      System.out.printf("NSD on 127.0.0.1#%d, %d names, window %d, %d rounds%n", nsd.port, names, window, rounds);
      batch(nsd, list, window, rounds);
      latency(nsd);
    }
  }

  /**
   * Alternates netprobe and dnsperf rounds, so that both see the same load on a shared machine, and reports the
   * medians and the median of the per-round ratios.
   */
  private static void batch(LocalNsd nsd, List<String> names, int window, int rounds) throws Exception {
    ProbeClient client = Probes.builder().build();
    for (int i = 0; i < 10; i++) {
      client.dnsBatch(names).server("127.0.0.1", nsd.port).maxInFlight(window).run(); // JIT warm-up
    }
    Path queries = DnsperfSide.queryFile(names);
    double[] ours = new double[rounds];
    double[] theirs = new double[rounds];
    double[] ratios = new double[rounds];
    long lost = 0;
    long theirLost = 0;
    try {
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        DnsBatchResult result = client.dnsBatch(names).server("127.0.0.1", nsd.port).maxInFlight(window).run();
        ours[r] = names.size() / ((System.nanoTime() - start) / 1e9);
        lost += result.failureCounts().getOrDefault(FailureKind.TIMEOUT, 0L);
        if (result.succeeded() != names.size()) {
          System.out.println("  netprobe round " + r + ": " + result.failureCounts());
        }
        DnsperfSide.Run perf = DnsperfSide.dnsperf(nsd, queries, window);
        theirs[r] = perf.queriesPerSecond();
        theirLost += perf.lost();
        ratios[r] = ours[r] / theirs[r];
      }
    } finally {
      Files.deleteIfExists(queries);
    }
    DnsperfSide.report("batch of " + names.size() + " names, " + window + " in flight", ours, theirs, ratios, lost,
        theirLost);
  }

  private static void latency(LocalNsd nsd) throws Exception {
    int n = 2000;
    ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(2)).build();
    long[] wall = new long[n];
    long[] reported = new long[n];
    for (int i = 0; i < 500; i++) {
      client.dns("n1." + ZONE).server("127.0.0.1", nsd.port).run();
    }
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      DnsResult r = client.dns("n" + i + "." + ZONE).server("127.0.0.1", nsd.port).run();
      wall[i] = System.nanoTime() - s;
      reported[i] = r.queryTime().orElseThrow().toNanos();
    }
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(nsd.port);
    resolver.setTimeout(Duration.ofSeconds(2));
    long[] dnsjava = new long[n];
    for (int i = 0; i < 500; i++) {
      resolver.send(query("n1." + ZONE));
    }
    for (int i = 0; i < n; i++) {
      Message q = query("n" + i + "." + ZONE);
      long s = System.nanoTime();
      resolver.send(q);
      dnsjava[i] = System.nanoTime() - s;
    }
    int digRuns = 100;
    long[] dig = new long[digRuns];
    for (int i = 0; i < digRuns; i++) {
      String out = DnsperfSide.run("dig", "-u", "@127.0.0.1", "-p", String.valueOf(nsd.port), "n" + i + "." + ZONE, "A");
      dig[i] = (long) DnsperfSide.number(out, "Query time: ([0-9]+) usec") * 1000;
    }
    System.out.println("single query latency, median (p90)");
    System.out.printf("  netprobe query time     %7.0f us (%.0f)%n", median(reported) / 1e3, p90(reported) / 1e3);
    System.out.printf("  netprobe whole run()    %7.0f us (%.0f)%n", median(wall) / 1e3, p90(wall) / 1e3);
    System.out.printf("  dig reported query time %7.0f us (%.0f)%n", median(dig) / 1e3, p90(dig) / 1e3);
    System.out.printf("  dnsjava SimpleResolver  %7.0f us (%.0f)%n", median(dnsjava) / 1e3, p90(dnsjava) / 1e3);
    System.out.printf("  ratio netprobe run()/dig = %.2f, netprobe run()/dnsjava send = %.2f%n",
        median(wall) / median(dig), median(wall) / median(dnsjava));
  }

  private static Message query(String name) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
  }

  private static double median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static double p90(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[(int) (c.length * 0.9)];
  }
}
