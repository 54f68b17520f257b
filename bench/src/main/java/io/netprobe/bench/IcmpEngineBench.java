package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.PingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ICMP engine benchmark (#13): 10,000 independent {@code ping(a).count(1).runAsync()} calls to distinct loopback
 * addresses, all in flight at once over the client's shared ICMP socket, against {@code fping} on the same list in
 * the same run, alternating, warm. Prints both sides and the ratio. Run with {@code bench/run.sh icmpEngine [rounds]}.
 * A main program; not thread-safe.
 */
public final class IcmpEngineBench {
  private static final int TARGETS = 10_000;

  private IcmpEngineBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    System.out.println("netprobe ICMP engine benchmark; " + Runtime.getRuntime().availableProcessors() + " cores, "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
        + System.getProperty("java.version"));
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < TARGETS; i++) {
      hosts.add("127.1." + (i / 250) + "." + (i % 250 + 1));
    }
    Path list = Files.createTempFile("netprobe-engine", ".txt");
    Files.write(list, hosts);
    List<Double> ours = new ArrayList<>();
    List<Double> fping = new ArrayList<>();
    int worstReceived = TARGETS;
    String method = "";
    try (ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(30)).build()) {
      for (int i = 0; i < 20; i++) {
        pingAll(client, hosts); // warm JIT and JNA on the whole path, as a long-running process would be
      }
      for (int round = 0; round < rounds; round++) {
        long start = System.nanoTime();
        List<PingResult> results = pingAll(client, hosts);
        ours.add(millisSince(start));
        int received = (int) results.stream().filter(r -> r.received() == 1).count();
        worstReceived = Math.min(worstReceived, received);
        method = String.valueOf(results.get(0).method().orElse(null));
        start = System.nanoTime();
        String out = run("fping", "-q", "-s", "-r", "0", "-i", "0", "-t", "1000", "-f", list.toString());
        fping.add(millisSince(start));
        Matcher m = Pattern.compile("(\\d+) alive").matcher(out);
        if (!m.find() || Integer.parseInt(m.group(1)) != TARGETS) {
          System.out.println("  fping did not see every target alive: " + out.lines().limit(3).toList());
        }
      }
    } finally {
      Files.delete(list);
    }
    double o = median(ours);
    double f = median(fping);
    System.out.printf("%n%d x ping(a).count(1).runAsync() to distinct loopback addresses, all in flight at once "
        + "(%s; %d alternating runs):%n", TARGETS, method, rounds);
    System.out.printf("  netprobe runAsync  median %7.1f ms  best %7.1f ms  worst received %d/%d  (runs: %s)%n", o,
        Collections.min(ours), worstReceived, TARGETS, ours);
    System.out.printf("  fping -i0 -r0      median %7.1f ms  best %7.1f ms  (runs: %s; process wall time)%n", f,
        Collections.min(fping), fping);
    System.out.printf("  ratio netprobe/fping = %.2f median, %.2f best (target <= 1.0)%n", o / f,
        Collections.min(ours) / Collections.min(fping));
  }

  private static List<PingResult> pingAll(ProbeClient client, List<String> hosts) {
    List<CompletableFuture<PingResult>> futures = new ArrayList<>(hosts.size());
    for (String h : hosts) {
      futures.add(client.ping(h).count(1).replyTimeout(Duration.ofSeconds(1)).runAsync());
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static double millisSince(long start) {
    return Math.round((System.nanoTime() - start) / 100_000.0) / 10.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return out;
  }
}
