package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import io.netprobe.testing.OpenSockets;
import io.netprobe.text.ClassicText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl -I} against a local nginx, netprobe and curl side by side: median total time of a HEAD over HTTP and
 * HTTPS (netprobe in-process and warm, curl's own {@code time_total}), then 1,000 probes to 50 local endpoints with
 * bounded concurrency, and a check that no sockets or threads are left afterwards.
 *
 * <p>Usage: {@code bench/run.sh http [rounds]} (default 200 rounds per protocol). Needs nginx (nginx-light), curl
 * and openssl.
 */
public final class HttpBench {
  private static final int ENDPOINTS = 50;
  private static final int PROBES = 1000;
  private static final int CONCURRENCY = 16;
  /**
   * Probes before measuring: enough for the JIT to compile the probe's hot paths (OkHttp, the TLS engine), the state
   * of a service that probes all day. 300 left much of it interpreted and added about 0.25 ms per probe.
   */
  private static final int WARMUP = Integer.getInteger("bench.warmup", 2000);

  private HttpBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    for (String tool : List.of("/usr/sbin/nginx", "/usr/bin/curl", "/usr/bin/openssl")) {
      if (!Files.isExecutable(Path.of(tool))) {
        System.out.println("skipped: " + tool + " is missing (apt-get install nginx-light curl openssl)");
        return;
      }
    }
    Path dir = Files.createTempDirectory("netprobe-http-bench");
    Path cert = selfSignedCertificate(dir);
    System.setProperty("javax.net.ssl.trustStore", trustStore(dir, cert).toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "bench");
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < ENDPOINTS + 1) {
      ports.add(FreePorts.tcp()); // never the same port twice in this JVM: nginx refuses a duplicate listen
    }
    LoopbackDaemon nginx = startNginx(dir, ports);
    try {
      run(rounds, ports, cert);
    } finally {
      nginx.close();
    }
  }

  private static void run(int rounds, List<Integer> ports, Path cert) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(5)).build();
    String http = "http://bench.test:" + ports.get(1) + "/";
    String https = "https://bench.test:" + ports.get(0) + "/";
    System.out.printf(Locale.ROOT, "%n== HEAD, %d rounds each after %d warm-up probes, medians, netprobe vs curl "
        + "time_total ==%n", rounds, WARMUP);
    compareSingle(client, http, TlsImplementation.AUTO, "HTTP", rounds, cert);
    compareSingle(client, https, TlsImplementation.AUTO, "HTTPS", rounds, cert);
    compareSingle(client, https, TlsImplementation.JDK, "HTTPS with .tls(JDK)", rounds, cert);
    if (!Boolean.getBoolean("bench.noThroughput")) {
      memory(client, https);
      throughput(client, ports);
    }
  }

  /**
   * Conscrypt keeps its TLS state (two SSL_CTX per TLS context, one SSL per connection) in native memory that the
   * garbage collector frees. The process's resident set minus the committed Java heap (which G1 grows with the
   * allocation rate) after many HTTPS probes, once the collector has run, shows whether any of it stays behind.
   */
  private static void memory(ProbeClient client, String https) throws Exception {
    int probes = Integer.getInteger("bench.memoryProbes", 20_000);
    TlsImplementation tls = TlsImplementation.valueOf(System.getProperty("bench.memoryTls", "AUTO"));
    System.out.printf(Locale.ROOT, "%n== memory over %,d HTTPS probes (TLS %s) ==%n", probes, tls);
    long[] before = settledMemoryKib();
    System.out.printf(Locale.ROOT, "before: resident set %,d KiB, of which Java heap %,d KiB, the rest %,d KiB%n",
        before[0], before[1], before[0] - before[1]);
    for (int round = 1; round <= 4; round++) {
      for (int i = 0; i < probes / 4; i++) {
        check(probe(client, https, tls));
      }
      long[] now = settledMemoryKib();
      System.out.printf(Locale.ROOT, "after %,6d probes: resident set %,d KiB, of which Java heap %,d KiB, the rest "
          + "%,d KiB (%+,d KiB)%n", round * probes / 4, now[0], now[1], now[0] - now[1],
          (now[0] - now[1]) - (before[0] - before[1]));
    }
  }

  /** The resident set and the committed Java heap, in KiB, after the collector (and finalizers) have run. */
  @SuppressWarnings("removal") // runFinalization: Conscrypt frees SSL_CTX in finalize(), still run by JDK 17-25
  private static long[] settledMemoryKib() throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      System.runFinalization();
      Thread.sleep(300);
    }
    long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return new long[] {Long.parseLong(line.replaceAll("[^0-9]", "")), heap};
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  /**
   * Alternating blocks of netprobe and curl probes on the same URL. netprobe is reported twice: its {@code time_total}
   * equivalent (the hop's {@code PhaseTimings.total()}, from call start to the end of the transfer — the same span
   * curl's {@code time_total} covers, which excludes curl's own start-up) and the whole in-process call
   * ({@code elapsed()}, which adds building the client, the per-probe TLS context and the result).
   */
  private static void compareSingle(ProbeClient client, String url, TlsImplementation tls, String label, int rounds,
      Path cert) throws Exception {
    int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/$", "$1"));
    HttpProbeResult first = null;
    for (int i = 0; i < WARMUP; i++) {
      first = check(probe(client, url, tls));
    }
    List<Double> netprobeTotal = new ArrayList<>();
    List<Double> netprobeElapsed = new ArrayList<>();
    List<Double> curl = new ArrayList<>();
    List<double[]> netprobePhases = new ArrayList<>();
    List<double[]> curlPhases = new ArrayList<>();
    int block = 25;
    for (int done = 0; done < rounds; done += block) {
      for (int i = 0; i < block; i++) {
        HttpProbeResult r = check(probe(client, url, tls));
        netprobeTotal.add(r.finalHop().orElseThrow().timings().total().toNanos() / 1e6);
        netprobeElapsed.add(r.elapsed().toNanos() / 1e6);
        netprobePhases.add(phasesOf(r.finalHop().orElseThrow().timings()));
      }
      for (int i = 0; i < block; i++) {
        double[] phases = curlPhasesMillis(url, port, cert);
        curl.add(phases[PHASES.size() - 1]);
        curlPhases.add(phases);
      }
    }
    double total = median(netprobeTotal);
    double elapsed = median(netprobeElapsed);
    double c = median(curl);
    String how = first.version().map(v -> v.text()).orElse("?") + first.tls()
        .map(t -> ", " + t.protocol() + " " + t.cipherSuite() + " by " + t.implementation()).orElse("");
    System.out.printf(Locale.ROOT, "%n%s (%s)%n", label, how);
    System.out.printf(Locale.ROOT, "  curl time_total          median %.3f ms (p90 %.3f)%n", c, percentile(curl, 0.9));
    System.out.printf(Locale.ROOT, "  netprobe time_total      median %.3f ms (p90 %.3f)  ratio netprobe/curl %.2f%n",
        total, percentile(netprobeTotal, 0.9), total / c);
    System.out.printf(Locale.ROOT, "  netprobe whole call      median %.3f ms (p90 %.3f)  ratio netprobe/curl %.2f%n",
        elapsed, percentile(netprobeElapsed, 0.9), elapsed / c);
    StringBuilder breakdown = new StringBuilder("  median phases (cumulative ms, curl / netprobe):");
    for (int i = 0; i < PHASES.size(); i++) {
      breakdown.append(String.format(Locale.ROOT, " %s %.3f / %.3f", PHASES.get(i), median(column(curlPhases, i)),
          median(column(netprobePhases, i))));
    }
    System.out.println(breakdown);
  }

  /** curl's {@code -w} variables, in the order of {@link #phasesOf}. */
  private static final List<String> PHASES = List.of("namelookup", "connect", "appconnect", "pretransfer",
      "starttransfer", "total");

  private static double[] phasesOf(PhaseTimings t) {
    double connect = t.connect().toNanos() / 1e6;
    return new double[] {t.nameLookup().toNanos() / 1e6, connect,
        t.tlsHandshake().map(d -> d.toNanos() / 1e6).orElse(0.0), t.requestSent().toNanos() / 1e6,
        t.firstByte().toNanos() / 1e6, t.total().toNanos() / 1e6};
  }

  private static List<Double> column(List<double[]> rows, int i) {
    List<Double> column = new ArrayList<>(rows.size());
    for (double[] row : rows) {
      column.add(row[i]);
    }
    return column;
  }

  private static HttpProbeResult probe(ProbeClient client, String url, TlsImplementation tls) {
    return client.http(url).resolve("bench.test", "127.0.0.1").tls(tls).run();
  }

  private static HttpProbeResult check(HttpProbeResult r) {
    if (!r.isSuccess() || r.status().orElse(0) != 200) {
      throw new IllegalStateException("probe failed: " + ClassicText.render(r));
    }
    return r;
  }

  private static double[] curlPhasesMillis(String url, int port, Path cert) throws IOException, InterruptedException {
    StringBuilder format = new StringBuilder();
    for (String phase : PHASES) {
      format.append("%{time_").append(phase).append("} ");
    }
    Process p = new ProcessBuilder("/usr/bin/curl", "-sI", "-o", "/dev/null", "-w", format.toString().strip(),
        "--resolve",
        "bench.test:" + port + ":127.0.0.1", "--cacert", cert.toString(), url).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("curl failed with exit code " + p.exitValue() + " on " + url);
    }
    String[] fields = out.split(" ");
    double[] millis = new double[fields.length];
    for (int i = 0; i < fields.length; i++) {
      millis[i] = Double.parseDouble(fields[i]) * 1000;
    }
    return millis;
  }

  private static void throughput(ProbeClient client, List<Integer> ports) throws Exception {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      urls.add("http://127.0.0.1:" + ports.get(1 + i % ENDPOINTS) + "/");
    }
    System.out.printf(Locale.ROOT, "%n== %d HEAD probes to %d local endpoints, %d at a time ==%n", PROBES, ENDPOINTS,
        CONCURRENCY);
    System.gc();
    long socketsBefore = OpenSockets.count();
    int threadsBefore = Thread.activeCount();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    Semaphore permits = new Semaphore(CONCURRENCY);
    List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (String url : urls) {
      permits.acquire();
      futures.add(CompletableFuture.supplyAsync(() -> client.http(url).run(), pool)
          .whenComplete((r, e) -> permits.release()));
    }
    int ok = 0;
    for (CompletableFuture<HttpProbeResult> f : futures) {
      ok += f.get().status().orElse(0) == 200 ? 1 : 0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    double curlSeconds = curlThroughput(urls);
    System.out.printf(Locale.ROOT, "netprobe: %d/%d answered 200 in %.2f s = %.0f probes/s | curl (xargs -P %d): "
        + "%.2f s = %.0f probes/s | ratio netprobe/curl throughput %.2f%n", ok, PROBES, seconds, PROBES / seconds,
        CONCURRENCY, curlSeconds, PROBES / curlSeconds, curlSeconds / seconds);
    Thread.sleep(1000);
    long socketsAfter = OpenSockets.count();
    System.out.printf(Locale.ROOT, "sockets open in this JVM: before %d, after %d (%s)%n", socketsBefore,
        socketsAfter, socketsAfter <= socketsBefore ? "none left" : "LEAK");
    System.out.printf(Locale.ROOT, "threads 1 s after: before %d, after %d; the extra ones: %s%n", threadsBefore,
        Thread.activeCount(), extraThreads());
    long waitStart = System.nanoTime();
    while (okHttpThreads() > 0 && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(90)) {
      Thread.sleep(500);
    }
    System.out.printf(Locale.ROOT, "OkHttp's shared idle threads (TaskRunner, Okio Watchdog) left after %.0f s: %d%n",
        1 + (System.nanoTime() - waitStart) / 1e9, okHttpThreads());
  }

  private static long okHttpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("OkHttp") || t.getName().startsWith("Okio")).count();
  }

  private static double curlThroughput(List<String> urls) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/bin/sh", "-c", "xargs -P " + CONCURRENCY
        + " -n 1 /usr/bin/curl -sI -o /dev/null").start();
    long start = System.nanoTime();
    try (OutputStream in = p.getOutputStream()) {
      in.write(String.join("\n", urls).concat("\n").getBytes(StandardCharsets.US_ASCII));
    }
    try (InputStream out = p.getInputStream()) {
      out.readAllBytes();
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("curl via xargs failed with exit code " + p.exitValue());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Live threads other than the JVM's own and main, by name, e.g. idle OkHttp TaskRunner threads. */
  private static List<String> extraThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (t.getThreadGroup() != null && !t.getThreadGroup().getName().equals("system") && !n.equals("main")) {
        names.add(n + (t.isDaemon() ? " (daemon)" : ""));
      }
    }
    Collections.sort(names);
    return names;
  }

  private static LoopbackDaemon startNginx(Path dir, List<Integer> ports) throws IOException, InterruptedException {
    StringBuilder listens = new StringBuilder();
    listens.append("    listen 127.0.0.1:").append(ports.get(0)).append(" ssl http2;\n");
    for (int i = 1; i < ports.size(); i++) {
      listens.append("    listen 127.0.0.1:").append(ports.get(i)).append(";\n");
    }
    Files.createDirectories(dir.resolve("tmp"));
    String conf = "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
        + "error_log " + dir.resolve("error.log") + " warn;\nevents { worker_connections 4096; }\n"
        + "http {\n  access_log off;\n  client_body_temp_path " + dir.resolve("tmp") + ";\n"
        + "  proxy_temp_path " + dir.resolve("tmp") + ";\n  fastcgi_temp_path " + dir.resolve("tmp") + ";\n"
        + "  uwsgi_temp_path " + dir.resolve("tmp") + ";\n  scgi_temp_path " + dir.resolve("tmp") + ";\n"
        + "  server {\n" + listens + "    server_name bench.test;\n"
        + "    ssl_protocols TLSv1.2 TLSv1.3;\n" // Mozilla's "intermediate" set; nginx 1.22 alone stops at 1.2
        + "    ssl_certificate " + dir.resolve("cert.pem") + ";\n    ssl_certificate_key " + dir.resolve("key.pem")
        + ";\n    location / { return 200 \"ok\\n\"; }\n  }\n}\n";
    Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf);
    try {
      return LoopbackDaemon.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", confFile.toString(), "-e",
          dir.resolve("error.log").toString()), dir.resolve("stdout.log"), ports.stream().mapToInt(i -> i).toArray());
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; error.log: " + Files.readString(dir.resolve("error.log")), e);
    }
  }

  private static Path selfSignedCertificate(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
        dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=bench.test", "-addext",
        "subjectAltName=DNS:bench.test").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("openssl could not make a certificate");
    }
    return dir.resolve("cert.pem");
  }

  /** A PKCS#12 trust store holding the bench certificate, so netprobe verifies it as curl --cacert does. */
  private static Path trustStore(Path dir, Path cert) throws Exception {
    Certificate c;
    try (InputStream in = Files.newInputStream(cert)) {
      c = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("bench", c);
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "bench".toCharArray());
    }
    return file;
  }

  private static double median(List<Double> values) {
    return percentile(values, 0.5);
  }

  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }
}
