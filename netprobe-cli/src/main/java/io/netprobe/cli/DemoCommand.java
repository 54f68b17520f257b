package io.netprobe.cli;

import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.testing.site.LocalDnsServer;
import io.netprobe.testing.site.LocalSite;
import io.netprobe.text.ClassicText;
import io.netprobe.text.TracerouteText;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe demo}: starts a stand-in for the seed's site inside this process — a DNS server holding
 * quizai.juwonpark.me, an HTTP server on every interface that redirects to HTTPS, an HTTPS server on 127.0.0.1 that
 * answers like Cloudflare in front of Django — then runs the whole checklist against it and a short traceroute.
 * Nothing leaves the machine. The stand-in is netprobe-testing's {@link LocalSite}. Not thread-safe.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Tour every probe offline: a local stand-in for quizai.juwonpark.me (DNS, "
    + "HTTP, HTTPS) is started in this process and diagnosed.")
final class DemoCommand implements Callable<Integer> {
  static final String HOST = "quizai.juwonpark.me";
  static final String ZONE = "juwonpark.me";

  @ParentCommand Netprobe parent;
  @Mixin Output output;
  @Mixin Language language;

  @Override
  @SuppressWarnings("try") // trust is a scope: closing it stops trusting the site's certificate
  public Integer call() throws Exception {
    try (LocalSite site = LocalSite.cloudflareInFrontOfDjango(HOST).zone(ZONE).start();
        AutoCloseable trust = site.certificate().trustInThisProcess()) {
      int httpPort = site.httpAddress().getPort();
      int httpsPort = site.httpsAddress().getPort();
      InetSocketAddress dnsAddress = site.dns().address();
      PrintWriter out = output.out();
      if (!output.json) {
        out.println("netprobe demo: a stand-in for " + HOST + " runs inside this process; nothing leaves the machine.");
        out.printf("  DNS    127.0.0.1:%d/udp   %s. %d IN A 127.0.0.1%n", dnsAddress.getPort(), HOST,
            LocalDnsServer.TTL_SECONDS);
        out.printf("  HTTP   *:%-17d every interface; 301 to https, like Cloudflare's \"Always Use HTTPS\"%n",
            httpPort);
        out.printf("  HTTPS  127.0.0.1:%-9d server: cloudflare, cf-cache-status: DYNAMIC, csrftoken cookie "
            + "(Django); self-signed certificate trusted by this process only%n", httpsPort);
        out.println();
        out.printf("$ netprobe diagnose %s --dns-server 127.0.0.1:%d --target 127.0.0.1 --ports %d,%d%n%n",
            site.url(), dnsAddress.getPort(), httpPort, httpsPort);
        out.flush();
      }
      DiagnosisRequest request = parent.client().diagnose(site.url()).networkTargets()
          .networkTarget("127.0.0.1", httpPort).dnsServer("127.0.0.1", dnsAddress.getPort())
          .ports(httpPort, httpsPort).pingCount(2).timeout(Duration.ofSeconds(10));
      DiagnosisResult diagnosis = request.run();
      DiagnoseCommand.print(output, diagnosis, language.locale(parent.locale()));
      if (!output.json) {
        traceLoopback(out);
      }
      return diagnosis.isHealthy() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
    }
  }

  private void traceLoopback(PrintWriter out) {
    out.println();
    out.println("$ netprobe traceroute -m 3 127.0.0.1");
    out.println("traceroute to 127.0.0.1 (127.0.0.1), 3 hops max, 60 byte packets");
    out.flush();
    TracerouteResult trace;
    try {
      trace = parent.client().traceroute("127.0.0.1").maxHops(3).probeTimeout(Duration.ofMillis(500))
          .timeout(Duration.ofSeconds(3)).onHop(hop -> {
            out.println(TracerouteText.hopLine(hop));
            out.flush();
          }).run();
    } catch (IllegalStateException noBackend) {
      out.println("(not run: " + noBackend.getMessage() + ")");
      return;
    }
    trace.failure().ifPresent(f -> out.println("(traceroute: " + ClassicText.failure(f) + ")"));
    out.flush();
  }
}
