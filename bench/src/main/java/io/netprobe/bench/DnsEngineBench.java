package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsResult;
import java.lang.management.ManagementFactory;
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
 * outstanding; (2) one {@code dnsBatch} of the same names. Prints both sides, the lost queries, the ratio and each
 * side's CPU time per query (this JVM's; dnsperf's own). Usage:
 * {@code bench/run.sh dnsEngine [names] [window] [rounds]}; {@code -Dpaths=single} or {@code batch} runs one path,
 * {@code -Dwarmup=N} sets the warm-up passes.
 */
public final class DnsEngineBench {
  /** Which paths to run: {@code -Dpaths=single,batch} (both by default), e.g. to profile one alone. */
  private static final String PATHS = System.getProperty("paths", "single,batch");

  /** JIT warm-up passes before the measured rounds: {@code -Dwarmup=5}. */
  private static final int WARMUP = Integer.getInteger("warmup", 10);

  private DnsEngineBench() {}

  /** CPU time of the JVM's Java threads, by thread id (GC and JIT compiler threads are not Java threads). */
  private static java.util.Map<Long, Long> threadCpuNanos() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      long cpu = mx.getThreadCpuTime(id);
      if (cpu >= 0) {
        out.put(id, cpu);
      }
    }
    return out;
  }

  /** CPU the Java threads used since {@code before} (a thread started meanwhile counts from zero). */
  private static long threadCpuSince(java.util.Map<Long, Long> before) {
    long sum = 0;
    for (java.util.Map.Entry<Long, Long> e : threadCpuNanos().entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /** CPU time of this JVM (all threads, GC and JIT included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

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
      boolean runSingle = PATHS.contains("single");
      boolean runBatch = PATHS.contains("batch");
      for (int i = 0; i < WARMUP; i++) { // JIT warm-up
        if (runSingle) {
          lookups(client, nsd, list, window);
        }
        if (runBatch) {
          client.dnsBatch(list).server("127.0.0.1", nsd.port).maxInFlight(window).run();
        }
      }
      double[][] single = new double[6][rounds];
      double[][] batch = new double[6][rounds];
      long[] lost = new long[4];
      for (int r = 0; r < rounds; r++) {
        if (runSingle) {
          java.util.Map<Long, Long> threads = threadCpuNanos();
          long cpu = processCpuNanos();
          long start = System.nanoTime();
          lost[0] += lookups(client, nsd, list, window);
          single[0][r] = names / ((System.nanoTime() - start) / 1e9);
          single[3][r] = (processCpuNanos() - cpu) / 1e3 / names;
          single[5][r] = threadCpuSince(threads) / 1e3 / names;
          DnsperfSide.Run perf = DnsperfSide.dnsperf(nsd, queries, window);
          single[1][r] = perf.queriesPerSecond();
          single[4][r] = perf.cpuSeconds() * 1e6 / names;
          lost[1] += perf.lost();
          single[2][r] = single[0][r] / single[1][r];
        }
        if (runBatch) {
          java.util.Map<Long, Long> threads = threadCpuNanos();
          long cpu = processCpuNanos();
          long start = System.nanoTime();
          DnsBatchResult result = client.dnsBatch(list).server("127.0.0.1", nsd.port).maxInFlight(window).run();
          batch[0][r] = names / ((System.nanoTime() - start) / 1e9);
          batch[3][r] = (processCpuNanos() - cpu) / 1e3 / names;
          batch[5][r] = threadCpuSince(threads) / 1e3 / names;
          lost[2] += names - result.succeeded();
          DnsperfSide.Run perf = DnsperfSide.dnsperf(nsd, queries, window);
          batch[1][r] = perf.queriesPerSecond();
          batch[4][r] = perf.cpuSeconds() * 1e6 / names;
          lost[3] += perf.lost();
          batch[2][r] = batch[0][r] / batch[1][r];
        }
      }
      System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      if (runSingle) {
        DnsperfSide.report(names + " x runAsync(), " + window + " outstanding", single[0], single[1], single[2],
            lost[0], lost[1], single[3], single[4]);
        System.out.printf("  netprobe Java threads only (no GC, no JIT): %.1f us/query (min %.1f)%n",
            DnsperfSide.median(single[5]), java.util.Arrays.stream(single[5]).min().orElse(0));
      }
      if (runBatch) {
        DnsperfSide.report("dnsBatch of " + names + " names, maxInFlight " + window, batch[0], batch[1], batch[2],
            lost[2], lost[3], batch[3], batch[4]);
        System.out.printf("  netprobe Java threads only (no GC, no JIT): %.1f us/query (min %.1f)%n",
            DnsperfSide.median(batch[5]), java.util.Arrays.stream(batch[5]).min().orElse(0));
      }
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
