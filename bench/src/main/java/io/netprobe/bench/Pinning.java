package io.netprobe.bench;

import java.io.IOException;
import java.util.List;

/**
 * Pins benchmark processes to CPUs with {@code taskset}: the process under test on one core, the load generator and
 * the targets on the other, so that neither takes the other's CPU. Stateless.
 */
final class Pinning {
  /** The exporter under test. */
  static final int EXPORTER_CPU = 1;
  /** wrk, nginx, nsd. */
  static final int LOAD_CPU = 0;

  private Pinning() {}

  /** The command prefix that starts a process on {@code cpu}, or none when not pinning. */
  static List<String> prefix(boolean pin, int cpu) {
    return pin ? List.of("/usr/bin/taskset", "-c", String.valueOf(cpu)) : List.of();
  }

  /** Moves every thread of a running process (and of its children) to {@code cpu}. */
  static void pin(ProcessHandle process, int cpu) throws IOException, InterruptedException {
    List<ProcessHandle> all = new java.util.ArrayList<>(List.of(process));
    process.descendants().forEach(all::add);
    for (ProcessHandle p : all) {
      Process taskset = new ProcessBuilder("/usr/bin/taskset", "-a", "-p", "-c", String.valueOf(cpu),
          String.valueOf(p.pid())).redirectErrorStream(true).start();
      String out = new String(taskset.getInputStream().readAllBytes());
      if (taskset.waitFor() != 0) {
        throw new IOException("taskset failed for pid " + p.pid() + ": " + out);
      }
    }
  }
}
