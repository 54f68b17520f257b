package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.spi.SocketTableBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Listing listening sockets: netprobe in-process (netlink and /proc/net backends, with and without owners) against
 * {@code ss -tlnp} / {@code ss -tln}, on a host loaded with 1,000 TCP listeners and 10,000 established loopback
 * connections. The load lives in two child JVMs (about 21,000 fds between them); this JVM measures. Warm figures are medians after warm-up; the first call (JNA load, full /proc scan) is printed
 * separately.
 *
 * <p>Usage: {@code bench/run.sh sockets [listeners] [connections] [runs]} (default 1000 10000 21).
 */
public final class SocketsBench {
  private SocketsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--serve")) {
      serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    if (args.length > 0 && args[0].equals("--connect")) {
      connect(Integer.parseInt(args[1]),
          Arrays.stream(args).skip(2).map(Integer::valueOf).toList());
      return;
    }
    int listeners = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 21;
    List<Process> load = startLoad(listeners, connections);
    try {
      measure(listeners, connections, runs);
    } finally {
      for (Process p : load) {
        p.getOutputStream().close();
      }
      for (Process p : load) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static void measure(int listeners, int connections, int runs) throws Exception {
    System.out.printf("SocketsBench: %d TCP listeners + %d established loopback connections; %d runs, median (min-max)%n",
        listeners, connections, runs);
    System.out.println(run(List.of("ss", "-s")).split("\n")[1].trim());
    ProbeClient netlink = client("netlink");
    ProbeClient procfs = client("procfs");

    long cold = System.nanoTime();
    ListeningSocketsResult first = netlink.listeningSockets().tcp().run();
    double coldMs = (System.nanoTime() - cold) / 1e6;
    System.out.printf("first call, netlink with owners (JNA load + full /proc scan): %.1f ms, %d sockets, source %s%n",
        coldMs, first.sockets().size(), first.source().orElse("?"));
    if (first.sockets().size() < listeners) {
      throw new IllegalStateException("expected at least " + listeners + " listeners, saw " + first.sockets().size());
    }

    Stats ssP = time(runs, () -> run(List.of("ss", "-tlnp")));
    Stats ssN = time(runs, () -> run(List.of("ss", "-tln")));
    Stats ssTulnp = time(runs, () -> run(List.of("ss", "-tulnp")));
    Stats withOwners = time(runs, () -> list(netlink.listeningSockets().tcp(), listeners));
    Stats without = time(runs, () -> list(netlink.listeningSockets().tcp().withoutOwners(), listeners));
    Stats allWithOwners = time(runs, () -> list(netlink.listeningSockets(), listeners));
    Stats procWith = time(runs, () -> list(procfs.listeningSockets().tcp(), listeners));
    Stats procWithout = time(runs, () -> list(procfs.listeningSockets().tcp().withoutOwners(), listeners));

    System.out.printf("%-52s %s%n", "ss -tlnp (fork+exec, output discarded)", ssP);
    System.out.printf("%-52s %s%n", "ss -tln", ssN);
    System.out.printf("%-52s %s%n", "ss -tulnp", ssTulnp);
    System.out.printf("%-52s %s%n", "netprobe netlink, TCP, with owners (warm)", withOwners);
    System.out.printf("%-52s %s%n", "netprobe netlink, TCP, without owners (warm)", without);
    System.out.printf("%-52s %s%n", "netprobe netlink, TCP+UDP, with owners (warm)", allWithOwners);
    System.out.printf("%-52s %s%n", "netprobe procfs, TCP, with owners (warm)", procWith);
    System.out.printf("%-52s %s%n", "netprobe procfs, TCP, without owners (warm)", procWithout);
    System.out.printf("ratio ss -tlnp / netprobe with owners:     %.1fx (target >= 10x)%n",
        ssP.median() / withOwners.median());
    System.out.printf("ratio ss -tln  / netprobe without owners:  %.1fx%n", ssN.median() / without.median());
    System.out.printf("ratio ss -tulnp / netprobe TCP+UDP owners: %.1fx%n", ssTulnp.median() / allWithOwners.median());
    System.out.printf("netprobe without owners: %.2f ms (target <= 2 ms): %s%n", without.median(),
        without.median() <= 2.0 ? "met" : "NOT met");
    System.out.printf("netprobe with owners >= 10x faster than ss -tlnp: %s%n",
        ssP.median() / withOwners.median() >= 10 ? "met" : "NOT met");
  }

  private static ProbeClient client(String id) {
    for (SocketTableBackend b : ServiceLoader.load(SocketTableBackend.class)) {
      if (b.id().equals(id)) {
        return Probes.builder().backend(b).timeout(Duration.ofSeconds(30)).build();
      }
    }
    throw new IllegalStateException("no socket-table backend " + id + " on the class path");
  }

  private static String list(ListeningSocketsRequest request, int atLeast) {
    ListeningSocketsResult r = request.run();
    if (!r.isSuccess() || r.sockets().size() < atLeast) {
      throw new IllegalStateException("listing failed or short: " + r.failure() + ", " + r.sockets().size());
    }
    return "";
  }

  record Stats(double median, double min, double max) {
    @Override
    public String toString() {
      return String.format("%8.2f ms (%.2f-%.2f)", median, min, max);
    }
  }

  private static Stats time(int runs, Supplier<String> body) {
    for (int i = 0; i < 3; i++) {
      body.get();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      body.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new Stats(ms[runs / 2], ms[0], ms[runs - 1]);
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(command + " failed");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts the load in two child JVMs, since one process may not hold all the fds (RLIMIT_NOFILE is often 20,000):
   * a server with the listeners and the accepted ends, and a client with the connecting ends. Each runs under
   * {@code ulimit -n} raised to the hard limit.
   */
  private static List<Process> startLoad(int listeners, int connections) throws IOException {
    Process server = child("--serve " + listeners + " " + connections);
    String ports = readLine(server, "ports");
    Process client = child("--connect " + connections + " " + ports.substring("ports ".length()));
    System.out.println("load: " + readLine(server, "ready") + "; " + readLine(client, "ready"));
    return List.of(server, client);
  }

  private static Process child(String arguments) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String command = "ulimit -n \"$(ulimit -Hn)\" && exec '" + java + "' -cp '"
        + System.getProperty("java.class.path") + "' " + SocketsBench.class.getName() + " " + arguments;
    return new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String readLine(Process p, String expected) throws IOException {
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (line == null || !line.startsWith(expected)) {
      p.destroyForcibly();
      throw new IllegalStateException("a load process did not start: " + line);
    }
    return line;
  }

  /** Child: listeners on 127.0.0.1; accepts {@code connections} on the first ten; holds all until stdin closes. */
  private static void serve(int listeners, int connections) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<ServerSocketChannel> servers = new ArrayList<>();
    StringBuilder ports = new StringBuilder("ports");
    for (int i = 0; i < listeners; i++) {
      ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
      s.bind(new InetSocketAddress(loopback, 0), i < 10 ? 4096 : 128);
      servers.add(s);
      if (i < 10) {
        ports.append(' ').append(((InetSocketAddress) s.getLocalAddress()).getPort());
      }
    }
    System.out.println(ports);
    List<SocketChannel> accepted = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      accepted.add(servers.get(i % Math.min(10, listeners)).accept());
    }
    System.out.println("ready " + servers.size() + " listeners and " + accepted.size() + " accepted connections (pid "
        + ProcessHandle.current().pid() + ")");
    holdUntilStdinCloses();
  }

  /** Child: {@code connections} connections spread over the given ports, held until stdin closes. */
  private static void connect(int connections, List<Integer> ports) throws IOException {
    List<SocketChannel> clients = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      clients.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", ports.get(i % ports.size()))));
    }
    System.out.println("ready " + clients.size() + " client connections (pid " + ProcessHandle.current().pid() + ")");
    holdUntilStdinCloses();
  }

  private static void holdUntilStdinCloses() throws IOException {
    while (System.in.read() >= 0) {
      // wait
    }
  }
}
