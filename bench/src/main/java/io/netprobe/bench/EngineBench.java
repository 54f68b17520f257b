package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.ProbeResult;
import io.netprobe.testing.OpenSockets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The engine under load (issue 13): 100,000 probes in flight at once — 25,000 each of DNS to a silent UDP port, TCP
 * to listeners whose backlog is full, ICMP echo to addresses whose echoes an nft rule drops, HTTP to a server that
 * accepts and never answers (and, as kind {@code https}, HTTPS to the same server: a handshake never answered) — all
 * with a 1 s deadline, in a network namespace the benchmark makes (loopback only).
 * Prints the peak number of netprobe threads, the deadline overshoot (p50/p99/max), the heap, and the sockets left
 * after. {@code tcp} mode: 10,000 TCP connects with runAsync to an accepting loopback server, the thread-per-probe
 * path of before (the same connect on a cached pool) and {@code nc -z} beside it. {@code timer} mode: the hashed
 * wheel against the ScheduledThreadPoolExecutor it replaced.
 *
 * <p>Usage: {@code bench/run.sh engine [inflight|tcp|timer] [probes per kind]} (default inflight 25000). Options
 * ({@code JAVA_OPTS="-D..."}): {@code -Dwarmup=N} rounds of the same mix first, not measured (a long-running monitor
 * runs compiled code: 5 rounds leave little to the JIT); {@code -Dcounts=dns=25000,tcp=8000} per-kind counts;
 * {@code -Dkinds=tcp,dns}; {@code -Ddeadline=MS}; {@code -Drounds=N} measured rounds one after the other (default 3; a young collection
 * falls into some rounds' burst of deadlines and not into others, so one round is a sample, not the figure); {@code
 * -Dtimeline=true} prints when the late probes were due.
 */
public final class EngineBench {
  static final String NS = "np-engine-bench-" + ProcessHandle.current().pid();
  /** -Ddeadline=MS: 1 s by default, which is also the kernel's first SYN retransmission (its RTO): TCP probes to a silent
   * listener time out together with 8,000 retransmissions in the kernel; another deadline shows what that costs. */
  static final Duration DEADLINE = Duration.ofMillis(Long.getLong("deadline", 1000));

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "inflight";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
    switch (mode) {
      case "inflight" -> InNamespace.run(n);
      case "inflight-inside" -> inflight(n);
      case "tcp" -> TcpRate.run(args.length > 1 ? n : 10_000);
      case "timer" -> TimerBench.run(args.length > 1 ? n : 100_000);
      default -> throw new IllegalArgumentException("mode must be inflight, tcp or timer, got " + mode);
    }
  }

  /** One probe's outcome as the benchmark sees it. */
  record Outcome(String kind, String failure, long overshootNanos, long dueNanos) {}

  static void inflight(int perKind) throws Exception {
    System.out.printf("EngineBench inflight: %,d probes per kind, deadline %d ms, JDK %s, %d cores, fd limit %s%n",
        perKind, DEADLINE.toMillis(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
            .findFirst().orElse("?").replaceAll("\\s+", " "));
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    try (DatagramSocket silentDns = new DatagramSocket(new InetSocketAddress(lo, 0));
         FullListeners full = new FullListeners(lo, 4);
         SilentHttp http = new SilentHttp(lo)) {
      System.gc();
      long socketsBefore = OpenSockets.count();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      String kinds = System.getProperty("kinds", "dns,tcp,icmp,http");
      Map<String, Integer> counts = counts(kinds, perKind);
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf("probes: %s = %,d in flight at once%n", counts, total);
      ProbeClient client = Probes.builder().timeout(DEADLINE).maxInFlight(total + 1000).build();
      // load the classes of every path once (not measured)
      client.tcp("127.0.0.1", full.port(0)).timeout(Duration.ofMillis(50)).runAsync().join();
      client.http("http://127.0.0.1:" + http.port() + "/").timeout(Duration.ofMillis(300)).runAsync().join();
      if (counts.containsKey("https")) {
        // the TLS library and the trust store load on the first HTTPS probe (those before it go to OkHttp)
        client.http("https://127.0.0.1:" + http.port() + "/").timeout(Duration.ofSeconds(3)).runAsync().join();
      }
      client.dns("warm.bench.test").server("127.0.0.1", silentDns.getLocalPort()).tries(1)
          .timeout(Duration.ofMillis(50)).runAsync().join();
      client.ping("127.77.0.1").count(1).timeout(Duration.ofMillis(50)).runAsync().join();
      // started before the warm-up, so that its own code is compiled before the measured round
      InFlightSampler sampler = new InFlightSampler();
      sampler.start();
      int rounds = Integer.getInteger("warmup", 0);
      for (int round = 1; round <= rounds; round++) {
        // rounds of the very mix measured below first (not measured), so that the JIT has compiled — and recompiled
        // after the deoptimisations a changed mix of types brings — the paths a long-running monitor runs compiled
        long w0 = System.nanoTime();
        List<CompletableFuture<Outcome>> warming = submit(client, counts, "w" + round, silentDns.getLocalPort(), full,
            http.port());
        warming.forEach(CompletableFuture::join);
        http.nextRound();
        // no System.gc() between rounds: a full collection shrinks G1's heap (to ~96 MB here), which a monitor that
        // probes all the time never has, and the next round would then run on a small young generation
        System.out.printf("warm-up round %d of %d (-Dwarmup=N): the same %,d probes, %d ms, not measured%n", round,
            rounds, total, (System.nanoTime() - w0) / 1_000_000);
      }
      threads.resetPeakThreadCount();
      sampler.reset();
      int measured = Math.max(1, Integer.getInteger("rounds", 3));
      double worstMax = 0;
      List<String> maxes = new ArrayList<>();
      for (int round = 1; round <= measured; round++) {
        System.out.printf("%n-- measured round %d of %d (-Drounds=N)%n", round, measured);
        double max = measure(client, counts, "n" + round, silentDns.getLocalPort(), full, http,
            round == 1 ? sampler : null);
        worstMax = Math.max(worstMax, max);
        maxes.add(String.format("%.1f", max));
        http.nextRound();
      }
      sampler.stop();
      int jvmPeak = threads.getPeakThreadCount();
      client.close();
      http.nextRound();
      System.gc();
      Thread.sleep(300);
      long socketsAfter = OpenSockets.count();
      System.out.printf("%ndeadline overshoot max per measured round: %s ms; worst %.1f ms%n",
          String.join(" / ", maxes), worstMax);
      System.out.printf("threads: peak netprobe-* %d (names %s), peak JVM total %d%n", sampler.peakNetprobe,
          sampler.names, jvmPeak);
      System.out.printf("threads' CPU / wait for a core, ms, from the first submission (schedstat, threads of one name "
          + "summed): %s%n",
          sampler.scheduling());
      System.out.printf("heap: peak used %d MB (sampled every 50 ms)%n", sampler.peakHeap / (1024 * 1024));
      System.out.printf("sockets: %d before, %d after the client closed (%+d)%n", socketsBefore, socketsAfter,
          socketsAfter - socketsBefore);
    }
  }

  /**
   * One measured round: the mix submitted at once, each probe's overshoot of its deadline; prints the figures and
   * returns the largest overshoot in milliseconds. {@code firstDue} (the first round's sampler) learns when the first
   * deadline falls, from which its scheduling figures count.
   */
  private static double measure(ProbeClient client, Map<String, Integer> counts, String prefix, int dnsPort,
      FullListeners full, SilentHttp http, InFlightSampler firstDue) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long allocated0 = allocatedBytes();
    Map<String, Long> threadCpu0 = ThreadCpu.snapshot();
    long[] gc0 = gc();
    long t0 = System.nanoTime();
    if (firstDue != null) {
      firstDue.firstDueNanos = t0 + DEADLINE.toNanos();
    }
    List<CompletableFuture<Outcome>> all = submit(client, counts, prefix, dnsPort, full, http.port());
    long submitted = System.nanoTime();
    List<Outcome> outcomes = all.stream().map(CompletableFuture::join).toList();
    long done = System.nanoTime();
    long cpu = os.getProcessCpuTime() - cpu0;
    long allocated = allocatedBytes() - allocated0;
    String byThread = ThreadCpu.perProbe(threadCpu0, ThreadCpu.snapshot(), outcomes.size());
    long[] gc1 = gc();
    System.out.printf("submitted %,d probes in %d ms; all completed %d ms after the first%n", outcomes.size(),
        (submitted - t0) / 1_000_000, (done - t0) / 1_000_000);
    System.out.printf("process CPU from the first submission to the last completion: %.2f s (%.1f µs per probe; "
        + "load average %.1f)%n", cpu / 1e9, cpu / 1e3 / outcomes.size(), os.getSystemLoadAverage());
    System.out.printf("CPU µs per probe by thread: %s%n", byThread);
    System.out.printf("allocated meanwhile: %,d MB (%.1f KB per probe; all threads, those ended included)%n",
        allocated >> 20, allocated / 1024.0 / outcomes.size());
    System.out.printf("GC meanwhile: %d collections, %d ms in them (max heap %d MB; -Xms/-Xmx to change)%n",
        gc1[0] - gc0[0], gc1[1] - gc0[1], Runtime.getRuntime().maxMemory() / (1024 * 1024));
    Map<String, Map<String, Integer>> byKind = new TreeMap<>();
    for (Outcome o : outcomes) {
      byKind.computeIfAbsent(o.kind(), k -> new TreeMap<>()).merge(o.failure(), 1, Integer::sum);
    }
    byKind.forEach((kind, outcomesOfKind) -> {
      long[] o = outcomes.stream().filter(x -> x.kind().equals(kind)).mapToLong(Outcome::overshootNanos).sorted()
          .toArray();
      System.out.printf("  %-4s overshoot p50 %.1f / p99 %.1f / max %.1f ms  %s%n", kind, o[o.length / 2] / 1e6,
          o[(int) (o.length * 0.99)] / 1e6, o[o.length - 1] / 1e6, outcomesOfKind);
    });
    if (Boolean.getBoolean("timeline")) {
      Map<Long, Map<String, Integer>> late = new TreeMap<>();
      for (Outcome o : outcomes) {
        if (o.overshootNanos() > 50_000_000L) {
          late.computeIfAbsent((o.dueNanos() - t0) / 50_000_000L * 50, k -> new TreeMap<>())
              .merge(o.kind(), 1, Integer::sum);
        }
      }
      System.out.println("late (> 50 ms) by due time since the first submission, ms: " + late);
    }
    long[] over = outcomes.stream().mapToLong(Outcome::overshootNanos).sorted().toArray();
    System.out.printf("deadline overshoot (completion - (submit + deadline)): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        over[over.length / 2] / 1e6, over[(int) (over.length * 0.99)] / 1e6, over[over.length - 1] / 1e6);
    return over[over.length - 1] / 1e6;
  }

  /** Collections so far and milliseconds spent in them, over every collector. */
  static long[] gc() {
    long count = 0;
    long millis = 0;
    for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, g.getCollectionCount());
      millis += Math.max(0, g.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /**
   * Probes per kind: {@code perKind} of each kind named in {@code kinds}, unless {@code -Dcounts=dns=25000,tcp=8000}
   * gives counts of its own (a mix shaped to the open-files limit: TCP and HTTP need an fd per probe, DNS and ICMP
   * share sockets).
   */
  static Map<String, Integer> counts(String kinds, int perKind) {
    Map<String, Integer> counts = new TreeMap<>();
    String given = System.getProperty("counts", "");
    if (given.isBlank()) {
      for (String k : kinds.split(",")) {
        counts.put(k.trim(), perKind);
      }
    } else {
      for (String kv : given.split(",")) {
        String[] p = kv.split("=");
        counts.put(p[0].trim(), Integer.parseInt(p[1].trim()));
      }
    }
    return counts;
  }

  /** Submits one probe and records how far past its deadline it completed. */
  /** Submits the mix, kinds interleaved probe by probe, each with a name or path of its own under {@code prefix}. */
  static List<CompletableFuture<Outcome>> submit(ProbeClient client, Map<String, Integer> counts, String prefix,
      int dnsPort, FullListeners full, int httpPort) {
    int dnsN = counts.getOrDefault("dns", 0);
    int tcpN = counts.getOrDefault("tcp", 0);
    int icmpN = counts.getOrDefault("icmp", 0);
    int httpN = counts.getOrDefault("http", 0);
    int httpsN = counts.getOrDefault("https", 0);
    int most = Math.max(Math.max(Math.max(dnsN, tcpN), Math.max(icmpN, httpN)), httpsN);
    List<CompletableFuture<Outcome>> all = new ArrayList<>(dnsN + tcpN + icmpN + httpN + httpsN);
    for (int i = 0; i < most; i++) {
      int j = i;
      if (j < dnsN) all.add(timed("dns", () -> client.dns(prefix + j + ".bench.test").server("127.0.0.1", dnsPort)
          .tries(1).runAsync()));
      if (j < tcpN) all.add(timed("tcp", () -> client.tcp("127.0.0.1", full.port(j)).runAsync()));
      if (j < icmpN) all.add(timed("icmp", () -> client.ping("127.77." + (j >> 8 & 255) + "." + (j & 255)).count(1)
          .runAsync()));
      if (j < httpN) all.add(timed("http", () -> client.http("http://127.0.0.1:" + httpPort + "/" + prefix + j)
          .runAsync()));
      // the same silent server: the handshake waits for a ServerHello that never comes, as at a hung TLS terminator
      if (j < httpsN) all.add(timed("https", () -> client.http("https://127.0.0.1:" + httpPort + "/" + prefix + j)
          .runAsync()));
    }
    return all;
  }

  static CompletableFuture<Outcome> timed(String kind, Supplier<CompletableFuture<? extends ProbeResult>> start) {
    long due = System.nanoTime() + DEADLINE.toNanos();
    return start.get().handle((r, e) -> {
      long over = System.nanoTime() - due;
      String failure = e != null ? "EXCEPTION " + e : r.failure().map(f -> f.kind()
          + (f.message().contains("never started") ? " (never started)" : "")
          + (f.message().startsWith("no result within") ? " (ended by the grace: the backend was late)" : ""))
          .orElse("OK");
      return new Outcome(kind, failure, over, due);
    });
  }

  /** Listeners whose accept queue is full: Linux drops further SYNs (tcp_abort_on_overflow=0), a silent peer. */
  static final class FullListeners implements AutoCloseable {
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Socket> fillers = new ArrayList<>();

    FullListeners(InetAddress lo, int count) throws Exception {
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, lo);
        listeners.add(s);
        for (int k = 0; k < 8; k++) {
          Socket f = new Socket();
          try {
            f.connect(new InetSocketAddress(lo, s.getLocalPort()), 200);
            fillers.add(f);
          } catch (java.io.IOException queueFull) {
            f.close();
            break;
          }
        }
      }
    }

    /** The listeners share the probes so that no (source, destination, port) tuple holds most ephemeral ports. */
    int port(int probe) {
      return listeners.get(probe % listeners.size()).getLocalPort();
    }

    @Override
    public void close() throws Exception {
      for (Socket f : fillers) {
        f.close();
      }
      for (ServerSocket s : listeners) {
        s.close();
      }
    }
  }

  /**
   * An HTTP server that takes every connection and never answers: a listener with a deep accept queue that nothing
   * accepts, so the kernel completes each handshake and keeps the request unread, as at a server whose workers are all
   * hung. Nothing is accepted on purpose: accepted ends would be file descriptors of this process, and with the
   * probes' own (8,000 TCP and 8,000 HTTP) they passed the 20,000-descriptor limit, after which an accepting thread
   * died of "Too many open files" and the connections piled up in its queue round after round (32,000 client sockets
   * in FIN-WAIT-2 to one address and port after four rounds, which made every new connect's search for a free port
   * the largest cost of the benchmark). {@link #nextRound} closes the listener — the kernel resets every connection
   * still queued — and opens a fresh one, so each round starts from a clean table of connections.
   */
  static final class SilentHttp implements AutoCloseable {
    private final InetAddress address;
    private ServerSocketChannel server;

    SilentHttp(InetAddress lo) throws Exception {
      address = lo;
      server = listen();
    }

    private ServerSocketChannel listen() throws Exception {
      return ServerSocketChannel.open().bind(new InetSocketAddress(address, 0), 65535);
    }

    int port() throws Exception {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    /** Resets every connection the last round left and listens afresh, on a new port. */
    void nextRound() throws Exception {
      server.close();
      server = listen();
    }

    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  /** Bytes allocated by every thread of the JVM so far (those that ended included). */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }
}
