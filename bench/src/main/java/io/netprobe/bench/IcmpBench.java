package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.TracerouteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICMP benchmarks, netprobe and the classic tool side by side in one run (needs root for the namespace lab):
 *
 * <ol>
 *   <li>sweep 10,000 loopback addresses once each: {@code Probes.pingAll} vs {@code fping -i0 -r0};
 *   <li>traceroute through a lab of 5 routers, 2 of them silent: netprobe vs {@code traceroute -n} and
 *       {@code tracepath -n} (netprobe runs in a child JVM inside the client namespace and reports its in-process
 *       time);
 *   <li>loopback RTT of 1000 echoes: netprobe vs iputils {@code ping} (median, p99).
 * </ol>
 *
 * Run with {@code bench/run.sh icmp}. Not thread-safe; a main program.
 */
public final class IcmpBench {
  private static final String LAB = "netprobe-sockets/src/test/resources/icmp/lab.sh";
  private static final int SWEEP_TARGETS = 10_000;
  private static final int SWEEP_ROUNDS = 9;
  private static final int ROUTERS = 5;
  private static final String SILENT = "2,4";

  private IcmpBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("trace-child")) {
      traceChild(args[1]);
      return;
    }
    System.out.println("netprobe ICMP benchmark; " + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
        + System.getProperty("java.version"));
    sweep();
    traceroute();
    rtt();
  }

  // ---- 1. sweep -------------------------------------------------------------------------------------------------

  private static void sweep() throws Exception {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < SWEEP_TARGETS; i++) {
      hosts.add("127.0." + (i / 250) + "." + (i % 250 + 1));
    }
    Path list = Files.createTempFile("netprobe-sweep", ".txt");
    Files.write(list, hosts);
    ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(30)).build();
    // Warm up JIT and JNA on the whole path (10,000 results built per sweep), as a long-running process would be:
    // the issue asks for netprobe's in-process time, warm. fping, a native program, needs no warm-up.
    for (int i = 0; i < 3; i++) {
      client.pingAll(hosts).spacing(Duration.ZERO).replyTimeout(Duration.ofSeconds(1)).run();
    }
    List<Double> ours = new ArrayList<>();
    List<Double> fping = new ArrayList<>();
    double worstLoss = 0;
    int fpingAlive = -1;
    for (int round = 0; round < SWEEP_ROUNDS; round++) {
      long start = System.nanoTime();
      PingSweepResult r = client.pingAll(hosts).spacing(Duration.ZERO).replyTimeout(Duration.ofSeconds(1)).run();
      ours.add(millisSince(start));
      worstLoss = Math.max(worstLoss, r.lossPercent());
      if (r.failure().isPresent()) {
        throw new IllegalStateException("sweep failed: " + r.failure().get());
      }
      start = System.nanoTime();
      String out = run("fping", "-q", "-s", "-r", "0", "-i", "0", "-t", "1000", "-f", list.toString());
      fping.add(millisSince(start));
      Matcher m = Pattern.compile("(\\d+) alive").matcher(out);
      fpingAlive = m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
    Files.delete(list);
    double o = median(ours);
    double f = median(fping);
    System.out.printf("%nsweep of %d loopback addresses, 1 echo each (%d alternating runs; median and best):%n",
        SWEEP_TARGETS, SWEEP_ROUNDS);
    System.out.printf("  netprobe pingAll  median %7.1f ms  best %7.1f ms  worst loss %.2f%%  (runs: %s)%n", o,
        min(ours), worstLoss, ours);
    System.out.printf("  fping -i0 -r0     median %7.1f ms  best %7.1f ms  alive %d/%d  (runs: %s)%n", f, min(fping),
        fpingAlive, SWEEP_TARGETS, fping);
    System.out.printf("  ratio netprobe/fping = %.2f median, %.2f best (target <= 1.0)%n", o / f,
        min(ours) / min(fping));
  }

  // ---- 2. traceroute ------------------------------------------------------------------------------------------

  private static void traceroute() throws Exception {
    String lab = "npbench";
    run("bash", LAB, "up", lab, String.valueOf(ROUTERS), SILENT, "0");
    try {
      String client = lab + "-0";
      String target = "10.77." + ROUTERS + ".2";
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String child = run("ip", "netns", "exec", client, javaBin, "-cp", System.getProperty("java.class.path"),
          IcmpBench.class.getName(), "trace-child", target);
      List<Double> tr = new ArrayList<>();
      List<Double> tp = new ArrayList<>();
      String trOut = "";
      String tpOut = "";
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        trOut = run("ip", "netns", "exec", client, "traceroute", "-n", target);
        tr.add(millisSince(start));
      }
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        tpOut = runAllowingFailure("ip", "netns", "exec", client, "tracepath", "-n", target);
        tp.add(millisSince(start));
      }
      System.out.printf("%ntraceroute through %d routers, %s silent (UDP, 3 probes per hop):%n", ROUTERS, SILENT);
      System.out.print(child);
      double ours = Double.parseDouble(child.replaceAll("(?s).*median=([0-9.]+).*", "$1"));
      System.out.printf("  traceroute -n       %8.1f ms (median of 5, process wall time; runs %s)%n", median(tr), tr);
      System.out.printf("  tracepath -n        %8.1f ms (median of 3, process wall time; runs %s)%n", median(tp), tp);
      System.out.printf("  ratio netprobe/traceroute = %.2f (target <= 1.2), netprobe/tracepath = %.3f%n",
          ours / median(tr), ours / median(tp));
      System.out.println("  traceroute -n said:\n" + indent(trOut) + "  tracepath -n said:\n" + indent(tpOut));
    } finally {
      run("bash", LAB, "down", lab);
    }
  }

  /** Runs inside the lab's client namespace: traces 6 times, prints the hops of the last and the median time. */
  private static void traceChild(String target) {
    ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(30)).build();
    client.traceroute(target).run(); // warm up
    List<Double> times = new ArrayList<>();
    TracerouteResult last = null;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      last = client.traceroute(target).run();
      times.add(millisSince(start));
    }
    StringBuilder hops = new StringBuilder();
    for (Hop h : last.hops()) {
      hops.append(' ').append(h.address().map(a -> a.getHostAddress()).orElse("*"));
    }
    System.out.printf("  netprobe traceroute %8.1f ms (median of 5, in-process; runs %s) median=%.3f%n"
        + "    hops:%s reached=%s method=%s%n", median(times), times, median(times), hops, last.reached(),
        last.method().orElse(null));
  }

  // ---- 3. RTT -------------------------------------------------------------------------------------------------

  private static void rtt() throws Exception {
    int count = 1000;
    ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(30)).build();
    client.ping("127.0.0.1").count(200).interval(Duration.ofMillis(2)).run(); // warm up
    PingResult r = client.ping("127.0.0.1").count(count).interval(Duration.ofMillis(2)).run();
    List<Double> ours = new ArrayList<>();
    for (PingReply reply : r.replies()) {
      ours.add(reply.rtt().toNanos() / 1000.0);
    }
    String out = run("ping", "-n", "-c", String.valueOf(count), "-i", "0.002", "127.0.0.1");
    List<Double> theirs = new ArrayList<>();
    Matcher m = Pattern.compile("time=([0-9.]+) ms").matcher(out);
    while (m.find()) {
      theirs.add(Double.parseDouble(m.group(1)) * 1000);
    }
    System.out.printf("%nloopback RTT, %d echoes 2 ms apart (%s):%n", count, r.method().orElse(null));
    System.out.printf("  netprobe     median %6.1f us   p99 %6.1f us   (%d replies)%n", median(ours), p99(ours),
        ours.size());
    System.out.printf("  iputils ping median %6.1f us   p99 %6.1f us   (%d replies; ping prints 3 decimals of ms)%n",
        median(theirs), p99(theirs), theirs.size());
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  private static double millisSince(long start) {
    return Math.round((System.nanoTime() - start) / 100_000.0) / 10.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double min(List<Double> values) {
    return Collections.min(values);
  }

  private static double p99(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static String runAllowingFailure(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    return out;
  }
}
