package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.TcpConnectResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 10,000 TCP connects to an accepting loopback server: {@code runAsync} on the engine, the thread-per-probe path it
 * replaced (the same non-blocking connect with a selector per probe, each on a thread of a cached pool, as
 * {@code DefaultExecutor} ran it), and {@code nc -z} (one process per connect, 32 at once) as the outside peer.
 */
final class TcpRate {
  private TcpRate() {}

  static void run(int n) throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(lo, 0), 65535)) {
      Thread acceptor = new Thread(() -> {
        while (server.isOpen()) {
          try {
            server.accept().close();
          } catch (IOException closed) {
            return;
          }
        }
      }, "bench-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      System.out.printf("EngineBench tcp: %,d connects to an accepting loopback server, JDK %s, %d cores%n", n,
          Runtime.version(), Runtime.getRuntime().availableProcessors());
      int io = Integer.getInteger("io", 1);
      System.out.printf("engine with %d selector loop(s) (-Dio=N)%n", io);
      try (ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(5)).ioThreads(io).build()) {
        // warm-up of both paths, long enough that the JIT's compilations are done before the measured runs
        engine(client, port, 10_000);
        if (!Boolean.getBoolean("skipOld")) {
          threadPerProbe(lo, port, 10_000);
        }
        double[] rates = new double[3];
        double[] old = new double[3];
        double[] cpuEngine = new double[3];
        double[] cpuOld = new double[3];
        for (int r = 0; r < 3; r++) {
          long c0 = cpu();
          java.util.Map<String, Long> t0 = ThreadCpu.snapshot();
          rates[r] = engine(client, port, n);
          cpuEngine[r] = (cpu() - c0) / 1e3 / n;
          System.out.printf("  engine run %d: %,.0f/s, CPU per probe by thread: %s%n", r + 1, rates[r],
              ThreadCpu.perProbe(t0, ThreadCpu.snapshot(), n));
          c0 = cpu();
          old[r] = Boolean.getBoolean("skipOld") ? Double.NaN : threadPerProbe(lo, port, n);
          cpuOld[r] = (cpu() - c0) / 1e3 / n;
        }
        double engine = median(rates);
        double before = median(old);
        double nc = Boolean.getBoolean("skipNc") ? Double.NaN : nc(port, Math.min(n, 2000));
        System.out.printf("engine runAsync      %,9.0f probes/s (runs %s)%n", engine, str(rates));
        System.out.printf("thread per probe     %,9.0f probes/s (runs %s), peak threads %d%n", before, str(old),
            peakOld);
        System.out.printf("nc -z (32 processes) %,9.0f connects/s (%d connects)%n", nc, Math.min(n, 2000));
        System.out.printf("process CPU per probe (server's accept included): engine %.1f µs, thread per probe %.1f µs"
            + " (medians); load average %.1f%n", median(cpuEngine), median(cpuOld),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("engine / thread-per-probe = %.2fx; engine / nc = %.1fx%n", engine / before, engine / nc);
      }
    }
  }

  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double engine(ProbeClient client, int port, int n) {
    long t0 = System.nanoTime();
    List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(client.tcp("127.0.0.1", port).resetOnClose(true).runAsync());
    }
    long failed = futures.stream().map(CompletableFuture::join).filter(r -> !r.isSuccess()).count();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failed > 0) {
      System.out.printf("  (engine: %d of %d failed)%n", failed, n);
    }
    return n / seconds;
  }

  static int peakOld;

  static double threadPerProbe(InetAddress lo, int port, int n) throws Exception {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    threads.resetPeakThreadCount();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "old-probe");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger failed = new AtomicInteger();
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> futures = new ArrayList<>(n);
    InetSocketAddress target = new InetSocketAddress(lo, port);
    for (int i = 0; i < n; i++) {
      futures.add(CompletableFuture.runAsync(() -> {
        try (SocketChannel ch = SocketChannel.open(); Selector selector = Selector.open()) {
          ch.configureBlocking(false);
          ch.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
          if (!ch.connect(target)) {
            ch.register(selector, SelectionKey.OP_CONNECT);
            while (!ch.finishConnect()) {
              selector.select(5000);
              selector.selectedKeys().clear();
            }
          }
        } catch (IOException e) {
          failed.incrementAndGet();
        }
      }, pool));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    peakOld = Math.max(peakOld, threads.getPeakThreadCount());
    if (failed.get() > 0) {
      System.out.printf("  (thread per probe: %d of %d failed)%n", failed.get(), n);
    }
    return n / seconds;
  }

  static double nc(int port, int n) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", "seq 1 " + n + " | xargs -P 32 -I{} nc -z 127.0.0.1 " + port)
        .inheritIO().start();
    p.waitFor();
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  static String str(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format("%,.0f", d));
    }
    return b.toString();
  }
}
