package io.netprobe.cli;

import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.TlsImplementation;
import io.netprobe.text.ClassicText;
import io.netprobe.text.CurlText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe head [-L] url}: the status line and headers, like curl -I; with curl's request options (-X, -d, -u,
 * -x, --cert, --cacert, --interface, --compressed) and blackbox_exporter's response checks. Not thread-safe.
 */
@Command(name = "head", mixinStandardHelpOptions = true, description = {"Ask a URL for its status and headers, like "
    + "curl -I; -X/-d send other methods and content, the --fail-if/--expect options check the response like "
    + "blackbox_exporter."})
final class HeadCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "URL", description = "http(s) URL; https:// is assumed when the scheme is missing.")
  String url;

  @Option(names = {"-L", "--location"}, description = "Follow redirects, printing every hop.")
  boolean follow;

  @Option(names = {"-k", "--insecure"}, description = "Complete the exchange even when the certificate fails "
      + "verification (problems are still reported).")
  boolean insecure;

  @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR", description = "Connect to ADDR for HOST, like curl.")
  List<String> resolve = List.of();

  @Option(names = {"-H", "--header"}, paramLabel = "NAME: VALUE", description = "Extra request header.")
  List<String> headers = List.of();

  @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "HEAD (default; POST with -d, GET with "
      + "body checks), GET, POST, PUT, DELETE, OPTIONS, …")
  String method;

  @Mixin HttpRequestOptions requestOptions;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole probe.")
  Double timeout;

  @Option(names = "--tls", paramLabel = "IMPL", description = "TLS implementation: auto (default: Conscrypt when it "
      + "loads, else the JDK), conscrypt or jdk (what a plain Java client in this JVM would negotiate).")
  String tls = "auto";

  @Override
  public Integer call() {
    HttpProbeRequest request = requestOptions.apply(parent.client().http(url), method);
    if (follow) {
      request = request.followRedirects();
    }
    if (insecure) {
      request = request.insecure();
    }
    for (String r : resolve) {
      String[] parts = r.split(":", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("--resolve must look like host:port:address, was \"" + r + "\"");
      }
      request = request.resolve(parts[0], parts[2].replace("[", "").replace("]", ""));
    }
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("-H must look like \"Name: value\", was \"" + h + "\"");
      }
      request = request.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    if (timeout != null) {
      request = request.timeout(Seconds.of(timeout));
    }
    request = request.tls(tlsImplementation(tls));
    HttpProbeResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else {
      output.out().print(CurlText.renderHeaders(result));
      output.out().flush();
      result.failure().ifPresent(f -> output.err().println("netprobe head: " + ClassicText.failure(f)));
    }
    boolean healthy = result.isSuccess() && result.status().map(s -> s < 400).orElse(false);
    return healthy ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  private static TlsImplementation tlsImplementation(String name) {
    for (TlsImplementation t : TlsImplementation.values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("--tls must be auto, conscrypt or jdk, was \"" + name + "\"");
  }
}
