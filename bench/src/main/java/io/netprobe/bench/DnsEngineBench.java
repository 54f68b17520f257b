package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DNS engine (#13) against a local NSD, each round alternating with {@code dnsperf} on the same names, server and
 * window: (1) {@code names} separate {@code client.dns(n).server(nsd).runAsync()} lookups, at most {@code window}
 * outstanding; (2) one {@code dnsBatch} of the same names. Prints both sides, the lost queries and the ratio. Usage:
 * {@code bench/run.sh dnsEngine [names] [window] [rounds]}.
 */
public final class DnsEngineBench {
  private DnsEngineBench() {}

  public static void main(String[] args) throws Exception {
    int names = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> list = DnsperfSide.names(names);
    Path queries = DnsperfSide.queryFile(list);
    try (LocalNsd nsd = LocalNsd.start(DnsperfSide.ZONE, DnsperfSide.zoneText(names));
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
        DnsperfSide.Run perf = DnsperfSide.dnsperf(nsd, queries, window);
        single[1][r] = perf.queriesPerSecond();
        lost[1] += perf.lost();
        single[2][r] = single[0][r] / single[1][r];

        start = System.nanoTime();
        DnsBatchResult result = client.dnsBatch(list).server("127.0.0.1", nsd.port).maxInFlight(window).run();
        batch[0][r] = names / ((System.nanoTime() - start) / 1e9);
        lost[2] += names - result.succeeded();
        perf = DnsperfSide.dnsperf(nsd, queries, window);
        batch[1][r] = perf.queriesPerSecond();
        lost[3] += perf.lost();
        batch[2][r] = batch[0][r] / batch[1][r];
      }
      DnsperfSide.report(names + " x runAsync(), " + window + " outstanding", single[0], single[1], single[2],
          lost[0], lost[1]);
      DnsperfSide.report("dnsBatch of " + names + " names, maxInFlight " + window, batch[0], batch[1], batch[2],
          lost[2], lost[3]);
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
}
