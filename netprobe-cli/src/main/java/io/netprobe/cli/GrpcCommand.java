package io.netprobe.cli;

import io.netprobe.grpc.GrpcHealthRequest;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.http.TlsInfo;
import io.netprobe.text.GrpcText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe grpc -addr host:port [-service NAME] [-tls …]}: grpc.health.v1 Check with grpc_health_probe's
 * flags (single dash, as it spells them; the double-dash forms work too). Not thread-safe.
 */
@Command(name = "grpc", mixinStandardHelpOptions = true, description = {"Check a gRPC server's health "
    + "(grpc.health.v1), like grpc_health_probe.", "Exit 0 when SERVING."})
final class GrpcCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;
  @Mixin IpFamilyOptions family;

  @Option(names = {"-addr", "--addr"}, required = true, paramLabel = "HOST:PORT", description = "The server.")
  String addr;

  @Option(names = {"-service", "--service"}, paramLabel = "NAME", description = "The service to ask about "
      + "(default: the whole server).")
  String service = "";

  @Option(names = {"-tls", "--tls"}, description = "Connect with TLS.")
  boolean tls;

  @Option(names = {"-tls-ca-cert", "--tls-ca-cert"}, paramLabel = "FILE", description = "Trust the CA certificates "
      + "in this PEM file (implies -tls).")
  Path caCert;

  @Option(names = {"-tls-server-name", "--tls-server-name"}, paramLabel = "NAME", description = "Name for SNI, the "
      + "certificate check and :authority (default: HOST).")
  String serverName;

  @Option(names = {"-tls-no-verify", "--tls-no-verify"}, description = "Go on whatever the certificate (its "
      + "problems are still reported; implies -tls).")
  boolean noVerify;

  @Option(names = {"-rpc-header", "--rpc-header"}, paramLabel = "NAME: VALUE", description = "Request metadata; "
      + "repeat for more.")
  List<String> headers = List.of();

  @Option(names = {"-connect-timeout", "--connect-timeout"}, paramLabel = "DURATION", description = "Time for the "
      + "connection, e.g. 1s or 250ms (default: ${DEFAULT-VALUE}).")
  String connectTimeout = "1s";

  @Option(names = {"-rpc-timeout", "--rpc-timeout"}, paramLabel = "DURATION", description = "Time for the RPC "
      + "(default: ${DEFAULT-VALUE}); the probe's deadline is both together.")
  String rpcTimeout = "1s";

  @Override
  public Integer call() {
    HostPort target = HostPort.parse(addr, -1);
    if (target.port() < 0) {
      throw new IllegalArgumentException("-addr needs a port: HOST:PORT, was \"" + addr.replaceAll("\\p{Cntrl}", "?")
          + "\"");
    }
    GrpcHealthRequest request = parent.client().grpcHealth(target.host(), target.port()).service(service)
        .timeout(duration("-connect-timeout", connectTimeout).plus(duration("-rpc-timeout", rpcTimeout)));
    if (noVerify) {
      request = request.insecure();
    }
    if (caCert != null) {
      request = request.tls(caCert);
    } else if (tls) {
      request = request.tls();
    }
    if (serverName != null) {
      request = request.authority(serverName);
    }
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("-rpc-header must be \"NAME: VALUE\"");
      }
      request = request.metadata(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    request = family.preference().map(request::ipPreference).orElse(request);
    GrpcHealthResult r = request.run();
    if (output.json) {
      output.printJson(r);
    } else {
      (r.isSuccess() ? output.out() : output.err()).print(GrpcText.render(r));
      r.tls().ifPresent(t -> output.out().println(tlsLine(t)));
    }
    output.out().flush();
    output.err().flush();
    return r.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  /** One line of TLS facts: protocol, cipher suite, the leaf's subject and expiry, problems when any. */
  static String tlsLine(TlsInfo t) {
    StringBuilder b = new StringBuilder("tls: ").append(t.protocol()).append(' ').append(t.cipherSuite());
    t.leaf().ifPresent(c -> b.append(", certificate \"").append(c.subject()).append("\" until ").append(c.notAfter()));
    if (!t.problems().isEmpty()) {
      b.append(", NOT verified: ").append(t.problems());
    }
    return b.toString();
  }

  /** A Go duration as grpc_health_probe takes it ({@code 1s}, {@code 250ms}, {@code 1.5s}, {@code 2m}). */
  static Duration duration(String flag, String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m)?")
        .matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(flag + " must be a duration like 1s, 250ms or 2m, was \""
          + text.replaceAll("\\p{Cntrl}", "?") + "\"");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = unit.equals("ms") ? n : unit.equals("s") ? n * 1000 : n * 60_000;
    if (millis < 1 || millis > 3_600_000) {
      throw new IllegalArgumentException(flag + " must be between 1ms and 1h, was " + text);
    }
    return Duration.ofMillis((long) millis);
  }
}
