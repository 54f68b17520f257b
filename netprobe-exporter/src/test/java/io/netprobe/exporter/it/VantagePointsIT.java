package io.netprobe.exporter.it;

import io.netprobe.testing.Commands;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several vantage points, one Prometheus: two network namespaces made by this test, each joined to this one by a veth
 * pair and running a netprobe-exporter (the built jar); a web server of this test on the first pair's address, which
 * the second namespace has no route to; Prometheus scraping both exporters with the multi-target relabelling and a
 * {@code vantage_point} label. The per-vantage {@code probe_success} tells them apart. Needs root, ip and
 * Prometheus; traffic stays in the namespaces.
 */
class VantagePointsIT {
  static final String[] GATEWAY = {"10.254.20.1", "10.254.21.1"};
  static final String[] INSIDE = {"10.254.20.2", "10.254.21.2"};
  static final String[] NAME = {"eu", "us"};

  @TempDir
  static Path dir;
  static final List<String> namespaces = new ArrayList<>();
  static final List<String> links = new ArrayList<>();
  static final List<Process> exporters = new ArrayList<>();
  static HttpServer site;
  static Lab lab;

  @BeforeAll
  static void start() throws Exception {
    Lab.assume("VantagePointsIT", Commands.isRoot(), "not root: cannot create network namespaces");
    Lab.assume("VantagePointsIT", Files.isExecutable(Path.of("/usr/sbin/ip")), "ip (iproute2) is not installed");
    Lab.assume("VantagePointsIT", Files.isExecutable(Lab.PROMETHEUS), "prometheus is not installed");
    Path jar = Path.of("target/dist/netprobe-exporter.jar");
    Lab.assume("VantagePointsIT", Files.isRegularFile(jar), "target/dist/netprobe-exporter.jar is not built");
    long pid = ProcessHandle.current().pid();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          http_2xx:
            prober: http
            timeout: 2s
        """);
    for (int i = 0; i < 2; i++) {
      String ns = "np-vp-" + NAME[i] + "-" + pid;
      String link = "npv" + i + (pid % 100_000);
      namespaces.add(ns);
      links.add(link);
      Commands.run("ip", "netns", "add", ns);
      Commands.run("ip", "link", "add", link, "type", "veth", "peer", "name", link + "i");
      Commands.run("ip", "link", "set", link + "i", "netns", ns);
      Commands.run("ip", "addr", "add", GATEWAY[i] + "/30", "dev", link);
      Commands.run("ip", "link", "set", link, "up");
      Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      Commands.run("ip", "netns", "exec", ns, "ip", "addr", "add", INSIDE[i] + "/30", "dev", link + "i");
      Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", link + "i", "up");
      exporters.add(new ProcessBuilder("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-jar", jar.toAbsolutePath().toString(), "--config.file=" + config,
          "--web.listen-address=" + INSIDE[i] + ":9115", "--log.level=warn").redirectErrorStream(true)
          .redirectOutput(dir.resolve("exporter-" + NAME[i] + ".log").toFile()).start());
    }
    // reachable from the first namespace (on its link), not from the second (no route there)
    site = HttpServer.create(new InetSocketAddress(InetAddress.getByName(GATEWAY[0]), 0), 10);
    site.createContext("/", x -> {
      x.sendResponseHeaders(200, 2);
      x.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
      x.close();
    });
    site.start();
    for (String address : INSIDE) {
      waitFor(URI.create("http://" + address + ":9115/-/healthy"));
    }
    lab = new Lab(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
    for (Process p : exporters) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (site != null) {
      site.stop(0);
    }
    for (String ns : namespaces) {
      new ProcessBuilder("ip", "netns", "delete", ns).start().waitFor(10, TimeUnit.SECONDS);
    }
    for (String link : links) {
      new ProcessBuilder("ip", "link", "delete", link).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void oneTargetTwoVantagePointsOnePrometheus() throws Exception {
    String target = "http://" + GATEWAY[0] + ":" + site.getAddress().getPort() + "/";
    URI prometheus = lab.prometheus("""
          - job_name: blackbox_multi_vp
            metrics_path: /probe
            scrape_timeout: 1s
            params:
              module: [http_2xx]
            static_configs:
              - targets: ["%1$s:9115;%3$s;%4$s", "%2$s:9115;%3$s;%5$s"]
            relabel_configs:
              - source_labels: [__address__]
                regex: "([^;]+);([^;]+);([^;]+)"
                target_label: __param_target
                replacement: "$2"
              - source_labels: [__address__]
                regex: "([^;]+);([^;]+);([^;]+)"
                target_label: vantage_point
                replacement: "$3"
              - source_labels: [__param_target]
                target_label: instance
              - source_labels: [__address__]
                regex: "([^;]+);.*"
                target_label: __address__
                replacement: "$1"
        """.formatted(INSIDE[0], INSIDE[1], target, NAME[0], NAME[1]));
    String eu = Lab.query(prometheus, "probe_success{vantage_point=\"eu\"}", b -> b.contains("\"1\"]"));
    String us = Lab.query(prometheus, "probe_success{vantage_point=\"us\"}", b -> b.contains("\"0\"]"));
    assertThat(eu).contains("\"instance\":\"" + target + "\"").contains("\"1\"]");
    assertThat(us).contains("\"instance\":\"" + target + "\"").contains("\"0\"]");
    // the first scrape may find the exporter's JVM still warming up (the probe has 0.5 s): wait for the steady answer
    assertThat(Lab.query(prometheus, "probe_failure_info{vantage_point=\"us\"}",
        b -> b.contains("NETWORK_UNREACHABLE"))).contains("\"kind\":\"NETWORK_UNREACHABLE\"");
    assertThat(Lab.query(prometheus, "sum(up{job=\"blackbox_multi_vp\"})", b -> b.contains("\"2\"]")))
        .contains("\"2\"]");
  }

  private static void waitFor(URI health) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      try {
        if (Lab.request("GET", health).status() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IOException(health + " did not answer in 30 s: " + Files.readString(dir.resolve("exporter-eu.log"))
        + Files.readString(dir.resolve("exporter-us.log")));
  }


}
