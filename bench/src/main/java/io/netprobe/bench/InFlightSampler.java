package io.netprobe.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Samples netprobe threads, their scheduling and the heap every 50 ms. */
final class InFlightSampler implements Runnable {
  volatile boolean running = true;
  int peakNetprobe;
  long peakHeap;
  final java.util.Set<String> names = new java.util.TreeSet<>();
  private final Thread thread = new Thread(this, "bench-sampler");

  void start() {
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  /** Per thread name (numbers folded): CPU and run-queue wait from /proc/self/task/N/schedstat, first and last. */
  final Map<String, long[]> sched0 = new TreeMap<>();
  final Map<String, long[]> sched1 = new TreeMap<>();
  /** The first sample once the first deadline has come: splits submission from the deadlines' work. */
  final Map<String, long[]> schedDue = new TreeMap<>();
  volatile long firstDueNanos = Long.MAX_VALUE;
  private volatile boolean resetPending;

  /** Starts the figures afresh (the measured round begins). */
  void reset() throws InterruptedException {
    resetPending = true;
    long until = System.nanoTime() + 2_000_000_000L;
    while (resetPending && thread.isAlive() && System.nanoTime() < until) {
      Thread.sleep(1);
    }
  }

  @Override
  public void run() {
    while (running) {
      boolean resetting = resetPending;
      if (resetting) {
        peakNetprobe = 0;
        peakHeap = 0;
        names.clear();
        sched0.clear();
        sched1.clear();
        schedDue.clear();
      }
      // /proc, not Thread.getAllStackTraces(): that one stops every thread at a safepoint, 100 times a second
      int n = 0;
      Map<String, long[]> now = new TreeMap<>();
      try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
        for (Path task : tasks) {
          String name;
          long[] sched;
          try {
            name = Files.readString(task.resolve("comm")).strip();
            String f = Files.readString(task.resolve("schedstat"));
            int sp = f.indexOf(' ');
            sched = new long[] {Long.parseLong(f, 0, sp, 10), Long.parseLong(f, sp + 1, f.indexOf(' ', sp + 1), 10)};
          } catch (java.io.IOException | RuntimeException ended) { // a thread that ended while being read
            continue;
          }
          String group = ThreadCpu.group(name);
          if (name.startsWith("netprobe-")) {
            n++;
            names.add(group);
          }
          long[] sum = now.computeIfAbsent(group, k -> new long[2]);
          sum[0] += sched[0];
          sum[1] += sched[1];
        }
      } catch (java.io.IOException e) {
        return;
      }
      if (sched0.isEmpty()) {
        sched0.putAll(now);
      }
      if (schedDue.isEmpty() && System.nanoTime() >= firstDueNanos) {
        schedDue.putAll(now);
      }
      now.forEach((k, v) -> sched1.merge(k, v, (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])}));
      if (resetting) {
        resetPending = false;
      }
      peakNetprobe = Math.max(peakNetprobe, n);
      peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Each busy thread's CPU and time spent runnable but waiting for a core, over the sampled span, in ms. */
  String scheduling() {
    StringBuilder b = new StringBuilder();
    sched1.forEach((name, last) -> {
      long[] before = sched0.getOrDefault(name, new long[2]);
      long[] due = schedDue.getOrDefault(name, before);
      long run = last[0] - before[0];
      long wait = last[1] - before[1];
      if (run > 20_000_000L || wait > 20_000_000L) {
        b.append(String.format("%s %d/%d (after the first deadline %d/%d), ", name, run / 1_000_000,
            wait / 1_000_000, (last[0] - due[0]) / 1_000_000, (last[1] - due[1]) / 1_000_000));
      }
    });
    return b.length() == 0 ? "-" : b.substring(0, b.length() - 2);
  }
}
