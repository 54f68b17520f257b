package io.netprobe.bench;

import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * netprobe-exporter against blackbox_exporter on the same targets and CPU: concurrent {@code /probe} requests from
 * loopback for the http, tcp, icmp and dns modules of one blackbox.yml; probes per second, p50/p90/p99 scrape
 * latency, failed probes, each exporter's CPU time per scrape, and the ratio. Both exporters run as their own
 * processes (netprobe-exporter from {@code netprobe-exporter/target/dist}); {@code wrk} drives both (a C load
 * generator: far lighter than a JVM client, which on two cores took much of the CPU the exporters need), with
 * blackbox and netprobe runs interleaved round by round so that background load hits both alike.
 *
 * <p>Usage: {@code bench/run.sh exporter [seconds per run] [connections] [rounds] [modules]} (default 10, 32, 2
 * and all four; modules as a comma-separated list like {@code http_2xx,tcp_connect}).
 * {@code EXPORTER_BENCH_GZIP=1} asks for gzip on every scrape as Prometheus does (wrk then checks the status only,
 * and 20 scrapes per exporter and module are checked for {@code probe_success 1} after the runs).
 * {@code NETPROBE_EXPORTER_JAVA_OPTS} adds JVM options to netprobe-exporter's JVM (a JFR recording, say).
 * {@code EXPORTER_BENCH_BASELINE=/path/to/netprobe-exporter.jar} runs that build too, in the same rounds (between
 * the two others), and adds a {@code (baseline)} line per module: a before/after under the same load.
 * {@code EXPORTER_BENCH_PIN=1} gives the exporters (each in turn) CPU 1 and the load generator and targets (wrk,
 * nginx, nsd) CPU 0, so that the figure is the exporter's own capacity on one core rather than what is left of two
 * cores after wrk and nginx: without it, nginx's accept and close and wrk's requests take a share of the cores that
 * grows with the exporter's rate, which caps the ratio of a fast exporter to a slow one.
 * {@code EXPORTER_BENCH_TARGETS=N} (default 8): the http and tcp modules' targets are N ports of one nginx, scraped in
 * turn, as a Prometheus scrapes many targets. With one target, every connect of a fast exporter goes to the same
 * address and port, and above ~7,000 a second Linux's search for a free ephemeral port (28,232 by default, even ones
 * first) keeps meeting the exporter's own TIME_WAIT sockets to that one target younger than {@code
 * tcp_tw_reuse_delay}: a cost of hammering one address and port, not of probing (docs/benchmarks/exporter.md).
 * Needs nginx, nsd, wrk and prometheus-blackbox-exporter (and taskset to pin).
 */
public final class ExporterBench {
  private ExporterBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
    Path jar = Path.of("netprobe-exporter/target/dist/netprobe-exporter.jar");
    for (String tool : List.of("/usr/sbin/nginx", "/usr/sbin/nsd", "/usr/bin/prometheus-blackbox-exporter",
        "/usr/bin/wrk")) {
      if (!Files.isExecutable(Path.of(tool))) {
        System.out.println("skipped: " + tool + " is missing");
        return;
      }
    }
    // nginx's default accept queue (511) overflows when its one worker is starved at several thousand connects a
    // second: the dropped SYNs come back after 1 s and made the tcp p99 a measure of nginx, not of the exporter
    Path dir = Files.createTempDirectory("netprobe-exporter-bench");
    String targetsEnv = System.getenv("EXPORTER_BENCH_TARGETS");
    int targets = targetsEnv == null || targetsEnv.isBlank() ? 8 : Integer.parseInt(targetsEnv.trim());
    List<Integer> ports = new ArrayList<>();
    StringBuilder listen = new StringBuilder();
    for (int i = 0; i < targets; i++) {
      ports.add(FreePorts.tcp());
      listen.append(" listen 127.0.0.1:").append(ports.get(i)).append(" backlog=4096;");
    }
    Files.writeString(dir.resolve("nginx.conf"), "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir
        + "/nginx.pid;\nerror_log " + dir + "/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n"
        + "  access_log off;\n  client_body_temp_path " + dir + "/b;\n  proxy_temp_path " + dir + "/p;\n"
        + "  fastcgi_temp_path " + dir + "/f;\n  uwsgi_temp_path " + dir + "/u;\n  scgi_temp_path " + dir + "/s;\n"
        + "  server {" + listen + " location / { return 200 ok; } }\n}\n");
    try (LoopbackDaemon nginx = LoopbackDaemon.start(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString()), dir.resolve("nginx.out"),
        ports.stream().mapToInt(Integer::intValue).toArray());
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
      boolean pin = "1".equals(System.getenv("EXPORTER_BENCH_PIN"));
      if (pin) {
        Pinning.pin(nginx.process().toHandle(), Pinning.LOAD_CPU);
        Pinning.pin(nsd.handle(), Pinning.LOAD_CPU);
      }
      List<String> npCommand = new ArrayList<>(Pinning.prefix(pin, Pinning.EXPORTER_CPU));
      npCommand.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED"));
      String opts = System.getenv("NETPROBE_EXPORTER_JAVA_OPTS");
      if (opts != null && !opts.isBlank()) {
        npCommand.addAll(List.of(opts.trim().split("\\s+")));
      }
      List<String> baseCommand = new ArrayList<>(npCommand);
      npCommand.addAll(List.of("-jar", jar.toString(), "--config.file=" + config,
          "--web.listen-address=127.0.0.1:" + npPort, "--log.level=warn"));
      // another build of netprobe-exporter (the one before a change, say), run in the same rounds
      String baseJar = System.getenv("EXPORTER_BENCH_BASELINE");
      int basePort = FreePorts.tcp();
      baseCommand.addAll(List.of("-jar", baseJar == null ? "" : baseJar, "--config.file=" + config,
          "--web.listen-address=127.0.0.1:" + basePort, "--log.level=warn"));
      List<String> bbCommand = new ArrayList<>(Pinning.prefix(pin, Pinning.EXPORTER_CPU));
      bbCommand.addAll(List.of("/usr/bin/prometheus-blackbox-exporter", "--config.file=" + config,
          "--web.listen-address=127.0.0.1:" + bbPort, "--log.level=warn"));
      try (LoopbackDaemon bb = LoopbackDaemon.start(bbCommand, dir.resolve("bb.out"), bbPort);
          LoopbackDaemon np = LoopbackDaemon.start(npCommand, dir.resolve("np.out"), npPort);
          LoopbackDaemon base = baseJar == null || baseJar.isBlank() ? null
              : LoopbackDaemon.start(baseCommand, dir.resolve("base.out"), basePort)) {
        List<String> httpTargets = ports.stream().map(p -> "http://127.0.0.1:" + p + "/").toList();
        List<String> tcpTargets = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<Module> modules = List.of(new Module("http_2xx", httpTargets), new Module("tcp_connect", tcpTargets),
            new Module("icmp", List.of("127.0.0.1")), new Module("dns", List.of("127.0.0.1:" + nsd.port)));
        boolean gzip = "1".equals(System.getenv("EXPORTER_BENCH_GZIP"));
        Wrk wrk = new Wrk(dir, gzip, Pinning.prefix(pin, Pinning.LOAD_CPU));
        System.out.printf(Locale.ROOT, "wrk: %d s per run, %d connections, %d rounds%s; %d nginx ports as the http "
            + "and tcp targets, in turn (EXPORTER_BENCH_TARGETS); %d CPUs%s, JDK %s%n", seconds, connections, rounds,
            gzip ? ", Accept-Encoding: gzip" : "", targets, Runtime.getRuntime().availableProcessors(),
            pin ? " (pinned: each exporter on CPU " + Pinning.EXPORTER_CPU + ", wrk, nginx and nsd on CPU "
                + Pinning.LOAD_CPU + ")" : " shared by all", Runtime.version());
        System.out.printf(Locale.ROOT, "%-12s %-14s %9s %8s %8s %8s %7s %7s %10s%n", "module", "exporter",
            "probes/s", "p50 ms", "p90 ms", "p99 ms", "failed", "errors", "CPU us/req");
        List<String> summary = new ArrayList<>();
        for (Module m : modules) {
          if (!only.isEmpty() && !only.contains(m.name())) {
            continue;
          }
          List<String> bbUrl = m.urls(bbPort);
          List<String> npUrl = m.urls(npPort);
          List<String> baseUrl = m.urls(basePort);
          if (base != null) {
            wrk.run(baseUrl, connections, 1, 2 * seconds, base.process().pid());
          }
          // the JVM exporter's JIT: on two busy cores C2 compiles for well over ten seconds of load per module, and
          // an exporter is scraped for months, so its steady state is what counts
          wrk.run(npUrl, connections, 1, 2 * seconds, np.process().pid());
          wrk.run(bbUrl, connections, 1, Math.max(2, seconds / 5), bb.process().pid());
          List<Wrk.Result> b = new ArrayList<>();
          List<Wrk.Result> n = new ArrayList<>();
          List<Wrk.Result> baseline = new ArrayList<>();
          for (int r = 0; r < rounds; r++) {
            boolean bbFirst = r % 2 == 0;
            for (int side = 0; side < 2; side++) {
              boolean isBb = (side == 0) == bbFirst;
              Wrk.Result res = wrk.run(isBb ? bbUrl : npUrl, connections, 1, seconds,
                  (isBb ? bb : np).process().pid());
              (isBb ? b : n).add(res);
              print(m.name(), (isBb ? "blackbox 0.23" : "netprobe") + " #" + (r + 1), res);
              if (base != null && side == 0) {
                Wrk.Result baseRes = wrk.run(baseUrl, connections, 1, seconds, base.process().pid());
                baseline.add(baseRes);
                print(m.name(), "baseline #" + (r + 1), baseRes);
              }
            }
          }
          if (gzip) {
            System.out.printf(Locale.ROOT, "%-12s gzip sample: blackbox %d/20, netprobe %d/20 with probe_success 1%n",
                m.name(), GzipSample.successes(bbUrl.get(0), 20), GzipSample.successes(npUrl.get(0), 20));
          }
          Wrk.Result bt = total(b);
          Wrk.Result nt = total(n);
          summary.add(String.format(Locale.ROOT, "%-12s %8.0f %8.0f %7.2fx %9.2f %9.2f %9.0f %9.0f %9.0f %9.0f %8.2fx",
              m.name(), bt.perSecond(), nt.perSecond(), nt.perSecond() / bt.perSecond(), bt.p99Millis(), nt.p99Millis(),
              bt.cpuMicrosPerRequest(), nt.cpuMicrosPerRequest(), bt.systemMicrosPerRequest(),
              nt.systemMicrosPerRequest(), bt.cpuMicrosPerRequest() / nt.systemMicrosPerRequest()));
          if (base != null) {
            Wrk.Result at = total(baseline);
            summary.add(String.format(Locale.ROOT, "%-12s %8.0f %8.0f %7.2fx %9.2f %9.2f %9.0f %9.0f  (baseline)",
                m.name(), bt.perSecond(), at.perSecond(), at.perSecond() / bt.perSecond(), bt.p99Millis(),
                at.p99Millis(), bt.cpuMicrosPerRequest(), at.cpuMicrosPerRequest()));
          }
        }
        System.out.println();
        // the last column: blackbox's CPU per scrape over netprobe's kernel part alone, the ratio a netprobe with no
        // user-space cost at all would reach on CPU time (on loopback the kernel part includes the peers' side of
        // every packet: the target's handshake, wrk's receive)
        System.out.printf(Locale.ROOT, "%-12s %8s %8s %8s %9s %9s %9s %9s %9s %9s %9s%n", "module", "bb/s", "np/s",
            "ratio", "bb p99", "np p99", "bb CPU us", "np CPU us", "bb sys us", "np sys us", "bound");
        summary.forEach(System.out::println);
      }
    }
  }

  /** A module and its targets: the scrapes go to each target in turn. */
  private record Module(String name, List<String> targets) {
    List<String> urls(int exporterPort) {
      return targets.stream().map(t -> "http://127.0.0.1:" + exporterPort + "/probe?module=" + name + "&target="
          + URLEncoder.encode(t, StandardCharsets.UTF_8)).toList();
    }
  }

  private static void print(String module, String who, Wrk.Result r) {
    System.out.printf(Locale.ROOT, "%-12s %-14s %9.0f %8.2f %8.2f %8.2f %7d %7d %10.0f%n", module, who,
        r.perSecond(), r.p50Millis(), r.p90Millis(), r.p99Millis(), r.failed(), r.errors(), r.cpuMicrosPerRequest());
  }

  /** The rounds together: requests, time and CPU summed; each percentile the worst round's. */
  private static Wrk.Result total(List<Wrk.Result> rs) {
    return new Wrk.Result(rs.stream().mapToLong(Wrk.Result::requests).sum(),
        rs.stream().mapToDouble(Wrk.Result::seconds).sum(), rs.stream().mapToDouble(Wrk.Result::p50Millis).max()
        .orElse(0), rs.stream().mapToDouble(Wrk.Result::p90Millis).max().orElse(0),
        rs.stream().mapToDouble(Wrk.Result::p99Millis).max().orElse(0),
        rs.stream().mapToLong(Wrk.Result::failed).sum(), rs.stream().mapToLong(Wrk.Result::errors).sum(),
        rs.stream().mapToDouble(Wrk.Result::cpuMillis).sum(), rs.stream().mapToDouble(Wrk.Result::systemMillis).sum());
  }
}
