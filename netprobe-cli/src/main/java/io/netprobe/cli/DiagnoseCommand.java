package io.netprobe.cli;

import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.engine.DiagnosisReport;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code netprobe diagnose https://your.site}: the whole checklist and a verdict. Not thread-safe. */
@Command(name = "diagnose", mixinStandardHelpOptions = true, description = "Run the outage checklist (network, DNS, HTTP, local ports) against a URL "
    + "and say which layer fails: network, DNS, CDN edge, origin, TLS or a local port.")
final class DiagnoseCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;
  @Mixin Language language;

  @Parameters(paramLabel = "URL", description = "The site; https:// is assumed when the scheme is missing.")
  String url;

  @Option(names = "--origin", paramLabel = "ADDR", description = "Also ask the origin directly at ADDR, past the "
      + "CDN (curl --resolve), to separate edge from origin.")
  String origin;

  @Option(names = "--ports", paramLabel = "PORTS", description = "Local ports to report on, e.g. 80,443,8000.")
  String ports;

  @Option(names = "--resolver", paramLabel = "ADDR", description = "Compare DNS answers with this resolver, e.g. "
      + "1.1.1.1.")
  String resolver;

  @Option(names = "--dns-server", paramLabel = "ADDR[:PORT]", description = "Ask this DNS server instead of the "
      + "system's resolver.")
  String dnsServer;

  @Option(names = "--target", paramLabel = "HOST", description = "Well-known address to ping first (repeatable; "
      + "default 8.8.8.8 and 1.1.1.1).")
  List<String> targets;

  @Option(names = "--no-network-check", description = "Do not ping well-known addresses.")
  boolean noNetworkCheck;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole diagnosis (default: 10).")
  Double timeout;

  @Override
  public Integer call() {
    DiagnosisRequest request = parent.client().diagnose(url);
    if (noNetworkCheck) {
      request = request.networkTargets();
    } else if (targets != null) {
      request = request.networkTargets(targets.toArray(String[]::new));
    }
    if (origin != null) {
      request = request.origin(origin);
    }
    if (ports != null) {
      request = request.ports(PortList.parse(ports).stream().mapToInt(Integer::intValue).toArray());
    }
    if (resolver != null) {
      request = request.compareWithResolver(resolver);
    }
    if (dnsServer != null) {
      HostPort server = HostPort.parse(dnsServer, 53);
      request = request.dnsServer(server.host(), server.port());
    }
    if (timeout != null) {
      request = request.timeout(Seconds.of(timeout));
    }
    boolean showProgress = !output.json && Terminal.stderr();
    if (showProgress) {
      output.err().printf("netprobe: checking network, DNS, HTTP and ports (at most %d s)...\r",
          request.timeout().toSeconds());
      output.err().flush();
    }
    DiagnosisResult diagnosis = request.run();
    if (showProgress) {
      output.err().print("\r" + " ".repeat(72) + "\r");
      output.err().flush();
    }
    print(output, diagnosis, language.locale(parent.locale()));
    return diagnosis.isHealthy() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  static void print(Output output, DiagnosisResult diagnosis, Locale locale) {
    if (output.json) {
      output.printJson(diagnosis);
    } else {
      output.out().print(DiagnosisReport.render(diagnosis, locale));
      output.out().flush();
    }
  }
}
