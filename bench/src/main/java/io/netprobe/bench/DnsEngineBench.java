package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DNS engine (#13) against a local NSD, each round alternating with {@code dnsperf} on the same names, server and
 * window: (1) {@code names} separate {@code client.dns(n).server(nsd).runAsync()} lookups, at most {@code window}
 * outstanding; (2) one {@code dnsBatch} of the same names. Prints both sides, the lost queries and the ratio. Usage:
 * {@code bench/run.sh dnsEngine [names] [window] [rounds]}.
 */
public final class DnsEngineBench {
  private static final String ZONE = "bench.test";

  private DnsEngineBench() {}

  public static void main(String[] args) throws Exception {
    int names = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    StringBuilder zone = new StringBuilder("$ORIGIN " + ZONE + ".\n$TTL 300\n"
        + "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 127.0.0.1\n");
    List<String> list = new ArrayList<>(names);
    for (int i = 0; i < names; i++) {
      zone.append('n').append(i).append(" IN A 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255)
          .append('.').append(i & 255).append('\n');
      list.add("n" + i + "." + ZONE);
    }
    Path queries = Files.createTempFile("netprobe-dnsperf", ".txt");
    Files.write(queries, list.stream().map(n -> n + " A").toList(), StandardCharsets.US_ASCII);
    try (LocalNsd nsd = LocalNsd.start(ZONE, zone.toString());
        ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(5)).build()) {
      System.out.printf("NSD on 127.0.0.1#%d, %d names, window %d, %d rounds, %d CPUs, %s %s%n", nsd.port, names,
          window, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
          System.getProperty("java.version"));
      for (int i = 0; i < 5; i++) { // JIT warm-up
        lookups(client, nsd, list, window);
        client.dnsBatch(list).server("127.0.0.1", nsd.port).maxInFlight(window).run();
      }
      double[][] single = new double[3][rounds];
      double[][] batch = new double[3][rounds];
      long[] lost = new long[4];
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        lost[0] += lookups(client, nsd, list, window);
        single[0][r] = names / ((System.nanoTime() - start) / 1e9);
        double[] perf = dnsperf(nsd, queries, window);
        single[1][r] = perf[0];
        lost[1] += (long) perf[1];
        single[2][r] = single[0][r] / single[1][r];

        start = System.nanoTime();
        DnsBatchResult result = client.dnsBatch(list).server("127.0.0.1", nsd.port).maxInFlight(window).run();
        batch[0][r] = names / ((System.nanoTime() - start) / 1e9);
        lost[2] += names - result.succeeded();
        perf = dnsperf(nsd, queries, window);
        batch[1][r] = perf[0];
        lost[3] += (long) perf[1];
        batch[2][r] = batch[0][r] / batch[1][r];
      }
      report(names + " x runAsync(), " + window + " outstanding", single, lost[0], lost[1]);
      report("dnsBatch of " + names + " names, maxInFlight " + window, batch, lost[2], lost[3]);
    } finally {
      Files.deleteIfExists(queries);
    }
  }

  /** Every name as its own runAsync lookup, at most {@code window} outstanding; returns how many failed. */
  private static long lookups(ProbeClient client, LocalNsd nsd, List<String> names, int window)
      throws InterruptedException {
    Semaphore slots = new Semaphore(window);
    CountDownLatch done = new CountDownLatch(names.size());
    AtomicLong failed = new AtomicLong();
    for (String n : names) {
      slots.acquire();
      CompletableFuture<DnsResult> f = client.dns(n).server("127.0.0.1", nsd.port).runAsync();
      f.whenComplete((r, e) -> {
        if (e != null || !r.isSuccess()) {
          failed.incrementAndGet();
          if (e == null && r.failureKind().orElse(null) != FailureKind.TIMEOUT) {
            System.out.println("  " + r.failure().orElseThrow());
          }
        }
        slots.release();
        done.countDown();
      });
    }
    done.await();
    return failed.get();
  }

  private static double[] dnsperf(LocalNsd nsd, Path queries, int window) throws Exception {
    Process p = new ProcessBuilder("dnsperf", "-s", "127.0.0.1", "-p", String.valueOf(nsd.port), "-d",
        queries.toString(), "-c", "1", "-q", String.valueOf(window), "-n", "1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return new double[] {number(out, "Queries per second:\\s+([0-9.]+)"), number(out, "Queries lost:\\s+([0-9]+)")};
  }

  private static void report(String what, double[][] v, long ourLost, long theirLost) {
    System.out.printf("%s, %d alternating rounds (medians)%n", what, v[0].length);
    System.out.printf("  netprobe  %,10.0f qps  lost %d%n", median(v[0]), ourLost);
    System.out.printf("  dnsperf   %,10.0f qps  lost %d%n", median(v[1]), theirLost);
    System.out.printf("  ratio netprobe/dnsperf = %.2f (median of per-round ratios; min %.2f, max %.2f)%n",
        median(v[2]), Arrays.stream(v[2]).min().orElse(0), Arrays.stream(v[2]).max().orElse(0));
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
