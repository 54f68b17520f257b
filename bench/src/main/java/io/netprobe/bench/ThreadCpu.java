package io.netprobe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread group (name without its number): on a shared machine the busiest thread's CPU per probe bounds
 * the rate whatever the load, where the wall-clock rate measures the neighbours too.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  /** Nanoseconds of CPU so far per group of live threads (name with a trailing number folded: io-0 → io-N). */
  static Map<String, Long> snapshot() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> byName = new TreeMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(t.getThreadId());
      if (cpu > 0) {
        byName.merge(t.getThreadName() + "#" + t.getThreadId(), cpu, Long::sum);
      }
    }
    return byName;
  }

  /**
   * A thread's group: its name with a number after a {@code -} or {@code #} folded ("netprobe-io-3" and "GC Thread#1"
   * become "netprobe-io-N" and "GC Thread-N"); without a regex, for the sampler that calls it often.
   */
  static String group(String name) {
    int end = name.length();
    while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
      end--;
    }
    if (end == name.length() || end == 0 || (name.charAt(end - 1) != '-' && name.charAt(end - 1) != '#')) {
      return name;
    }
    return name.substring(0, end - 1) + "-N";
  }

  /** µs per probe of each thread group between two snapshots, the largest first (groups under 0.5 µs left out). */
  static String perProbe(Map<String, Long> before, Map<String, Long> after, int probes) {
    Map<String, Long> groups = new TreeMap<>();
    after.forEach((k, v) -> {
      String group = group(k.substring(0, k.lastIndexOf('#')));
      groups.merge(group, v - before.getOrDefault(k, 0L), Long::sum);
    });
    StringBuilder b = new StringBuilder();
    groups.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .filter(e -> e.getValue() / 1e3 / probes >= 0.5)
        .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
            .append(String.format("%.1f", e.getValue() / 1e3 / probes)));
    return b.toString();
  }
}
