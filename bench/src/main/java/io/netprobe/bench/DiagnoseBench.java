package io.netprobe.bench;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.testing.site.LocalSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The seed's outage checklist by hand versus {@code Probes.diagnose(url)}, against the demo's stand-in for
 * quizai.juwonpark.me on loopback (netprobe-testing's {@link LocalSite}: DNS, HTTP with a redirect to HTTPS, HTTPS). By hand means what the seed's author
 * types, one command after the other: {@code ping -c 3 -i 0.2 127.0.0.1}, {@code dig} A and AAAA, {@code curl -IL},
 * {@code ss -tlnp}. netprobe runs the same checks (3 echoes 200 ms apart, A, AAAA, the HTTP chain, the socket table)
 * in one call, in parallel where the layers are independent.
 *
 * <p>Usage: {@code bench/run.sh diagnose [rounds]} (default 20). Needs ping (iputils-ping), dig (dnsutils), curl and
 * ss (iproute2).
 */
public final class DiagnoseBench {
  static final String HOST = "quizai.juwonpark.me";

  private DiagnoseBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    for (String tool : List.of("/usr/bin/ping", "/usr/bin/dig", "/usr/bin/curl", "/usr/bin/ss")) {
      if (!Files.isExecutable(Path.of(tool))) {
        System.out.println("skipped: " + tool + " is missing (apt-get install iputils-ping dnsutils curl iproute2)");
        return;
      }
    }
    Path pem = Files.createTempFile("netprobe-diagnose-bench", ".pem");
    try (LocalSite site = LocalSite.cloudflareInFrontOfDjango(HOST).zone("juwonpark.me").start();
        AutoCloseable trust = site.certificate().trustInThisProcess()) {
      Files.writeString(pem, site.certificate().pem());
      int httpPort = site.httpAddress().getPort();
      int httpsPort = site.httpsAddress().getPort();
      int dnsPort = site.dns().address().getPort();
      ProbeClient client = Probes.builder().build();

      List<List<String>> byHand = List.of(
          List.of("ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1"),
          List.of("dig", "@127.0.0.1", "-p", String.valueOf(dnsPort), HOST, "A"),
          List.of("dig", "@127.0.0.1", "-p", String.valueOf(dnsPort), HOST, "AAAA"),
          List.of("curl", "-sS", "-o", "/dev/null", "-IL", "--cacert", pem.toString(),
              "--resolve", HOST + ":" + httpPort + ":127.0.0.1", "--resolve", HOST + ":" + httpsPort + ":127.0.0.1",
              site.url()),
          List.of("ss", "-tlnp"));

      // warm-up: JIT, class loading, the first TLS handshake
      for (int i = 0; i < 3; i++) {
        diagnose(client, site, dnsPort);
        runAll(byHand);
      }
      List<Duration> netprobe = new ArrayList<>();
      List<Duration> tools = new ArrayList<>();
      int healthy = 0;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        DiagnosisResult d = diagnose(client, site, dnsPort);
        netprobe.add(Duration.ofNanos(System.nanoTime() - t0));
        healthy += d.isHealthy() ? 1 : 0;
        long t1 = System.nanoTime();
        runAll(byHand);
        tools.add(Duration.ofNanos(System.nanoTime() - t1));
      }
      System.out.printf(Locale.ROOT, "rounds: %d (netprobe verdict OK in %d)%n", rounds, healthy);
      print("checklist by hand (ping, dig A, dig AAAA, curl -IL, ss)", tools);
      print("Probes.diagnose(url)", netprobe);
      System.out.printf(Locale.ROOT, "ratio by hand / netprobe (median): %.2f%n",
          (double) median(tools).toNanos() / median(netprobe).toNanos());
    } finally {
      Files.deleteIfExists(pem);
    }
  }

  static DiagnosisResult diagnose(ProbeClient client, LocalSite site, int dnsPort) {
    return client.diagnose(site.url()).networkTargets().networkTarget("127.0.0.1", site.httpAddress().getPort())
        .dnsServer("127.0.0.1", dnsPort).ports(site.httpAddress().getPort(), site.httpsAddress().getPort())
        .timeout(Duration.ofSeconds(10)).run();
  }

  static void runAll(List<List<String>> commands) throws IOException, InterruptedException {
    for (List<String> command : commands) {
      Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("failed with " + p.exitValue() + ": " + command);
      }
    }
  }

  static Duration median(List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static void print(String what, List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%-58s median %7.1f ms   p90 %7.1f ms   min %7.1f ms%n", what,
        median(values).toNanos() / 1e6, sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9)))
            .toNanos() / 1e6, sorted.get(0).toNanos() / 1e6);
  }
}
