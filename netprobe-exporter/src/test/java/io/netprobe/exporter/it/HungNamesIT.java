package io.netprobe.exporter.it;

import io.netprobe.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage of name servers seen by the exporter (the built jar): in a network namespace made by this test, whose
 * {@code /etc/resolv.conf} (through {@code ip netns exec}'s {@code /etc/netns/<name>/}) names a server that nft drops
 * every query to, 40 scrapes of names the server would have to answer are in flight — more than the 16 lookup threads
 * the exporter once had — when a name from {@code /etc/hosts} is scraped. The operating system's lookup blocks a
 * thread for as long as the server does not answer; the hung ones must not hold up the one that answers at once, and
 * each hung probe ends at its own deadline as TIMEOUT. Needs root, ip and nft; traffic stays in the namespace.
 */
class HungNamesIT {
  static final String GATEWAY = "10.254.22.1";
  static final String INSIDE = "10.254.22.2";

  @TempDir
  Path dir;

  @Test
  void aNameFromTheHostsFileIsProbedAtOnceWhileFortyLookupsWaitForAServerThatNeverAnswers() throws Exception {
    Lab.assume("HungNamesIT", Commands.isRoot(), "not root: cannot create network namespaces");
    Lab.assume("HungNamesIT", Files.isExecutable(Path.of("/usr/sbin/ip")), "ip (iproute2) is not installed");
    Lab.assume("HungNamesIT", Files.isExecutable(Path.of("/usr/sbin/nft")), "nft (nftables) is not installed");
    Path jar = Path.of("target/dist/netprobe-exporter.jar");
    Lab.assume("HungNamesIT", Files.isRegularFile(jar), "target/dist/netprobe-exporter.jar is not built");
    long pid = ProcessHandle.current().pid();
    String ns = "np-hn-" + pid;
    String link = "nph" + (pid % 100_000);
    Path etc = Path.of("/etc/netns", ns);
    Process exporter = null;
    try {
      Commands.run("ip", "netns", "add", ns);
      Commands.run("ip", "link", "add", link, "type", "veth", "peer", "name", link + "i");
      Commands.run("ip", "link", "set", link + "i", "netns", ns);
      Commands.run("ip", "addr", "add", GATEWAY + "/30", "dev", link);
      Commands.run("ip", "link", "set", link, "up");
      Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      Commands.run("ip", "netns", "exec", ns, "ip", "addr", "add", INSIDE + "/30", "dev", link + "i");
      Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", link + "i", "up");
      // dropped on the way in: the query leaves (a drop on the way out would fail sendto at once with EPERM), and no
      // answer nor "port unreachable" ever comes back
      Files.writeString(dir.resolve("drop-dns.nft"), """
          table inet np_hung_names {
            chain in {
              type filter hook input priority 0; policy accept;
              udp dport 53 drop
              tcp dport 53 drop
            }
          }
          """);
      Commands.run("ip", "netns", "exec", ns, "nft", "-f", dir.resolve("drop-dns.nft").toString());
      // ip netns exec mounts these over /etc's own for the exporter
      Files.createDirectories(etc);
      Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:10 attempts:1\n");
      Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n" + INSIDE + " exporter.test\n");
      Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
      Path config = Files.writeString(dir.resolve("blackbox.yml"), """
          modules:
            tcp_connect:
              prober: tcp
              timeout: 3s
          """);
      exporter = new ProcessBuilder("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-jar", jar.toAbsolutePath().toString(), "--config.file=" + config,
          "--web.listen-address=" + INSIDE + ":9115", "--log.level=warn").redirectErrorStream(true)
          .redirectOutput(dir.resolve("exporter.log").toFile()).start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://" + INSIDE + ":9115/probe?module=tcp_connect&target=";
      waitFor(http, URI.create("http://" + INSIDE + ":9115/-/healthy"));
      // the exporter probes its own port: the name comes from the hosts file, the connection stays in the namespace
      String healthy = base + "exporter.test:9115";
      assertThat(scrape(http, healthy).join().body()).contains("\nprobe_success 1\n"); // warm

      List<CompletableFuture<HttpResponse<String>>> outage = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        outage.add(scrape(http, base + "hung" + i + ".example.test:80"));
      }
      Thread.sleep(500); // every hung scrape has reached its lookup
      long t0 = System.nanoTime();
      HttpResponse<String> ok = scrape(http, healthy).join();
      long tookMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      assertThat(ok.body()).as("the healthy name's scrape; the exporter said: %s", log())
          .contains("\nprobe_success 1\n");
      assertThat(tookMillis).isLessThan(1_500);
      for (CompletableFuture<HttpResponse<String>> f : outage) {
        String body = f.get(10, TimeUnit.SECONDS).body();
        assertThat(body).contains("\nprobe_success 0\n").contains("probe_failure_info{kind=\"TIMEOUT\"} 1")
            .containsPattern("\nprobe_dns_lookup_time_seconds [23]\\.");
      }
    } finally {
      if (exporter != null) {
        exporter.destroy();
        if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
          exporter.destroyForcibly();
        }
      }
      new ProcessBuilder("ip", "netns", "delete", ns).start().waitFor(10, TimeUnit.SECONDS);
      new ProcessBuilder("ip", "link", "delete", link).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
      if (Files.isDirectory(etc)) {
        try (Stream<Path> files = Files.walk(etc)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("exporter.log"));
  }

  private static CompletableFuture<HttpResponse<String>> scrape(HttpClient http, String url) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void waitFor(HttpClient http, URI health) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      try {
        if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IOException(health + " did not answer in 30 s: " + log());
  }


}
