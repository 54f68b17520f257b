package io.netprobe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One closed-loop {@code wrk} run against one or more URLs of one server (their requests in turn): every connection
 * sends its next request as soon as the last one answered. A Lua script counts the responses that are not 200 with
 * {@code probe_success 1}, and prints wrk's latency percentiles and totals in a form this class parses. The exporter's
 * CPU time is read from {@code /proc/<pid>/stat} around the run. Not thread-safe.
 */
final class Wrk {
  private static final String SCRIPT = """
      local threads = {}
      function setup(thread) table.insert(threads, thread) end
      function init(args)
        failed = 0; checked = 0; gzip = args[1] == "gzip"
        -- the targets' requests, made once: each request() only hands the next one out, in turn
        requests = {}
        for i = 2, #args do requests[#requests + 1] = wrk.format(nil, args[i]) end
        next_request = 0
      end
      function request()
        next_request = next_request % #requests + 1
        return requests[next_request]
      end
      function response(status, headers, body)
        checked = checked + 1
        -- a gzipped body cannot be read here: then only the status, and the bench checks a sample itself
        if status ~= 200 or (not gzip and not string.find(body, "\\nprobe_success 1\\n", 1, true)) then
          failed = failed + 1
        end
      end
      function done(summary, latency, requests)
        local f, c = 0, 0
        for _, t in ipairs(threads) do f = f + t:get("failed"); c = c + t:get("checked") end
        local e = summary.errors
        io.write(string.format("NETPROBE failed=%d checked=%d requests=%d duration_us=%d errors=%d\\n", f, c,
          summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))
        io.write(string.format("NETPROBE p50_us=%d p90_us=%d p99_us=%d max_us=%d\\n", latency:percentile(50),
          latency:percentile(90), latency:percentile(99), latency.max))
      end
      """;

  /**
   * One run's figures; {@code cpuMillis} is the exporter's user + system CPU time during the run, {@code
   * systemMillis} the system part of it (the kernel's work for the exporter's syscalls, the loopback peers' side of
   * each packet included).
   */
  record Result(long requests, double seconds, double p50Millis, double p90Millis, double p99Millis, long failed,
      long errors, double cpuMillis, double systemMillis) {
    double perSecond() {
      return requests / seconds;
    }

    /** The exporter's CPU time per answered scrape, in microseconds. */
    double cpuMicrosPerRequest() {
      return requests == 0 ? Double.NaN : cpuMillis * 1000 / requests;
    }

    /** The kernel's part of {@link #cpuMicrosPerRequest()}. */
    double systemMicrosPerRequest() {
      return requests == 0 ? Double.NaN : systemMillis * 1000 / requests;
    }
  }

  private final Path script;
  private final boolean gzip;
  private final List<String> prefix;

  /** @param gzip whether to ask for gzip as Prometheus does ({@code Accept-Encoding: gzip}) */
  /** @param prefix what wrk's command line starts with (a {@code taskset} pinning it to a CPU, say) */
  Wrk(Path dir, boolean gzip, List<String> prefix) throws IOException {
    this.script = Files.writeString(dir.resolve("probe-success.lua"), SCRIPT);
    this.gzip = gzip;
    this.prefix = List.copyOf(prefix);
  }

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/wrk"));
  }

  /**
   * {@code connections} connections on {@code threads} wrk threads for {@code seconds}, charging {@code pid}; the
   * requests go to {@code urls} in turn (one scheme, host and port: only their paths and queries differ).
   */
  Result run(List<String> urls, int connections, int threads, int seconds, long pid) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of("/usr/bin/wrk", "--latency", "-t", String.valueOf(threads), "-c",
        String.valueOf(connections), "-d", seconds + "s", "--timeout", "10s", "-H",
        "X-Prometheus-Scrape-Timeout-Seconds: 5", "-s", script.toString()));
    if (gzip) {
      cmd.addAll(List.of("-H", "Accept-Encoding: gzip"));
    }
    cmd.addAll(List.of(urls.get(0), "--", gzip ? "gzip" : "plain"));
    for (String url : urls) {
      java.net.URI u = java.net.URI.create(url);
      cmd.add(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }
    long[] cpu0 = cpuTicks(pid);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("wrk failed: " + out);
    }
    long[] cpu1 = cpuTicks(pid);
    Map<String, Long> v = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("NETPROBE ")) {
        for (String kv : line.substring(9).trim().split(" ")) {
          int eq = kv.indexOf('=');
          v.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
      }
    }
    if (!v.containsKey("p99_us")) {
      throw new IOException("no figures in wrk's output: " + out);
    }
    return new Result(v.get("requests"), v.get("duration_us") / 1e6, v.get("p50_us") / 1e3, v.get("p90_us") / 1e3,
        v.get("p99_us") / 1e3, v.get("failed"), v.get("errors"),
        (cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1]) * 1000.0 / TICKS_PER_SECOND, (cpu1[1] - cpu0[1]) * 1000.0 / TICKS_PER_SECOND);
  }

  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** utime and stime of every thread of {@code pid}, in clock ticks. */
  static long[] cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // the command name may hold spaces: fields count from after its closing parenthesis
    List<String> f = new ArrayList<>(List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ")));
    return new long[] {Long.parseLong(f.get(11)), Long.parseLong(f.get(12))};
  }
}
