package io.netprobe.bench;

import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * netprobe-exporter against blackbox_exporter on the same targets and CPU: concurrent {@code /probe} requests from
 * loopback for the http, tcp, icmp and dns modules of one blackbox.yml; probes per second, p50 and p99 scrape
 * latency, failed probes, and the ratio. Both exporters run as their own processes (netprobe-exporter from
 * {@code netprobe-exporter/target/dist}); the same HTTP client drives both, alternating which goes first.
 *
 * <p>Usage: {@code bench/run.sh exporter [requests per module] [concurrency]} (default 2000 and 32). Needs nginx,
 * nsd and prometheus-blackbox-exporter.
 */
public final class ExporterBench {
  private ExporterBench() {}

  record Result(double perSecond, double p50Millis, double p99Millis, int failed) {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Path jar = Path.of("netprobe-exporter/target/dist/netprobe-exporter.jar");
    for (String tool : List.of("/usr/sbin/nginx", "/usr/sbin/nsd", "/usr/bin/prometheus-blackbox-exporter")) {
      if (!Files.isExecutable(Path.of(tool))) {
        System.out.println("skipped: " + tool + " is missing");
        return;
      }
    }
    Path dir = Files.createTempDirectory("netprobe-exporter-bench");
    int http = FreePorts.tcp();
    Files.writeString(dir.resolve("nginx.conf"), "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir
        + "/nginx.pid;\nerror_log " + dir + "/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n"
        + "  access_log off;\n  client_body_temp_path " + dir + "/b;\n  proxy_temp_path " + dir + "/p;\n"
        + "  fastcgi_temp_path " + dir + "/f;\n  uwsgi_temp_path " + dir + "/u;\n  scgi_temp_path " + dir + "/s;\n"
        + "  server { listen 127.0.0.1:" + http + "; location / { return 200 ok; } }\n}\n");
    try (LoopbackDaemon nginx = LoopbackDaemon.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString()), dir.resolve("nginx.out"), http);
        LocalNsd nsd = LocalNsd.start("bench.test.", "$ORIGIN bench.test.\n$TTL 300\n"
            + "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 127.0.0.1\n"
            + "www IN A 192.0.2.80\n")) {
      Path config = Files.writeString(dir.resolve("blackbox.yml"), """
          modules:
            http_2xx:
              prober: http
              timeout: 5s
            tcp_connect:
              prober: tcp
              timeout: 5s
            icmp:
              prober: icmp
              timeout: 5s
            dns:
              prober: dns
              timeout: 5s
              dns:
                query_name: www.bench.test
                query_type: A
          """);
      int bbPort = FreePorts.tcp();
      int npPort = FreePorts.tcp();
      try (LoopbackDaemon bb = LoopbackDaemon.start(List.of("/usr/bin/prometheus-blackbox-exporter",
          "--config.file=" + config, "--web.listen-address=127.0.0.1:" + bbPort, "--log.level=warn"),
          dir.resolve("bb.out"), bbPort);
          LoopbackDaemon np = LoopbackDaemon.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
              .toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--config.file=" + config,
              "--web.listen-address=127.0.0.1:" + npPort, "--log.level=warn"), dir.resolve("np.out"), npPort)) {
        String[][] modules = {
            {"http_2xx", "http://127.0.0.1:" + http + "/"},
            {"tcp_connect", "127.0.0.1:" + http},
            {"icmp", "127.0.0.1"},
            {"dns", "127.0.0.1:" + nsd.port}};
        System.out.printf(Locale.ROOT, "%d requests per module, %d concurrent, %d CPUs, JDK %s%n", requests,
            concurrency, Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf(Locale.ROOT, "%-12s %-18s %10s %9s %9s %7s%n", "module", "exporter", "probes/s", "p50 ms",
            "p99 ms", "failed");
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8))
            .connectTimeout(Duration.ofSeconds(5)).build();
        for (String[] m : modules) {
          URI bbUri = URI.create("http://127.0.0.1:" + bbPort + "/probe?module=" + m[0] + "&target="
              + URLEncoder.encode(m[1], StandardCharsets.UTF_8));
          URI npUri = URI.create("http://127.0.0.1:" + npPort + "/probe?module=" + m[0] + "&target="
              + URLEncoder.encode(m[1], StandardCharsets.UTF_8));
          load(client, npUri, Math.max(200, requests / 2), concurrency); // JIT warm-up of the JVM exporter
          load(client, bbUri, Math.max(200, requests / 10), concurrency);
          Result b = load(client, bbUri, requests, concurrency);
          Result n = load(client, npUri, requests, concurrency);
          print(m[0], "blackbox 0.23", b);
          print(m[0], "netprobe", n);
          System.out.printf(Locale.ROOT, "%-12s %-18s %9.2fx %8.2fx %8.2fx%n", m[0], "ratio netprobe/bb",
              n.perSecond() / b.perSecond(), n.p50Millis() / b.p50Millis(), n.p99Millis() / b.p99Millis());
        }
      }
    }
  }

  private static void print(String module, String who, Result r) {
    System.out.printf(Locale.ROOT, "%-12s %-18s %10.0f %9.2f %9.2f %7d%n", module, who, r.perSecond(), r.p50Millis(),
        r.p99Millis(), r.failed());
  }

  static Result load(HttpClient client, URI uri, int n, int concurrency) throws Exception {
    Semaphore slots = new Semaphore(concurrency);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(n));
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>(n);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("X-Prometheus-Scrape-Timeout-Seconds", "5").build();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      slots.acquire();
      long start = System.nanoTime();
      all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        latencies.add(System.nanoTime() - start);
        if (e != null || r.statusCode() != 200 || !r.body().contains("\nprobe_success 1\n")) {
          failed.incrementAndGet();
        }
        slots.release();
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(n / seconds, sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6, failed.get());
  }
}
