package io.netprobe.cli;

import io.netprobe.core.Host;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteRequest;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.text.ClassicText;
import io.netprobe.text.PathsText;
import io.netprobe.text.TracerouteText;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code netprobe traceroute host}: hops printed as they arrive, like traceroute -n. Not thread-safe. */
@Command(name = "traceroute", mixinStandardHelpOptions = true, description = "Trace the route to a host; hops are printed as they arrive.")
final class TracerouteCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "HOST", description = "Host name or address.")
  String host;

  @Option(names = "-m", paramLabel = "MAX_TTL", description = "Last TTL to try (default: ${DEFAULT-VALUE}).")
  int maxHops = TracerouteRequest.DEFAULT_MAX_HOPS;

  @Option(names = "-q", paramLabel = "NQUERIES", description = "Probes per hop (default: ${DEFAULT-VALUE}).")
  int probes = TracerouteRequest.DEFAULT_PROBES_PER_HOP;

  @Option(names = "-w", paramLabel = "SECONDS", description = "Seconds to wait for each probe (default: "
      + "${DEFAULT-VALUE}).")
  double wait = 1.0;

  @Option(names = "-I", description = "Use ICMP echo instead of UDP probes.")
  boolean icmp;

  @Option(names = "-T", description = "Use TCP SYN probes (to port 80 unless -p; needs CAP_NET_RAW).")
  boolean tcp;

  @Option(names = {"-P", "--protocol"}, paramLabel = "PROTOCOL", description = "Probe protocol: udp (default), "
      + "icmp (as -I) or tcp (as -T).")
  String protocol;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Destination port: of UDP probes (default: "
      + "33434), of TCP probes (default: 80).")
  Integer port;

  @Option(names = "--names", description = "Look up the hops' reverse names (traceroute without -n).")
  boolean names;

  @Option(names = "--strategy", paramLabel = "STRATEGY", description = "paris (default: every probe keeps one flow, "
      + "so load balancers send them one way), classic (ports/sequence vary per probe, like traceroute), dublin "
      + "(needs a raw socket).")
  String strategy = "paris";

  @Option(names = "--asn-file", paramLabel = "FILE", description = "Print each hop's AS number ([AS64500]) from "
      + "this local IP-to-ASN file: iptoasn.com TSV, DB-IP CSV or 'prefix,ASN' lines; never a network lookup.")
  java.nio.file.Path asnFile;

  @Option(names = "--sport", paramLabel = "PORT", description = "Source port of flow-stable UDP or TCP probes "
      + "(default: chosen by the system).")
  Integer sourcePort;

  @Option(names = "--mda", description = "Find every load-balanced path (Multipath Detection Algorithm, 95%% "
      + "confidence) and print the hops per TTL and their links.")
  boolean mda;

  @Mixin IpFamilyOptions family;

  @Override
  public Integer call() {
    TracerouteRequest request = parent.client().traceroute(host).maxHops(maxHops).probesPerHop(probes)
        .probeTimeout(Seconds.of(wait)).mode(mode()).strategy(strategy());
    if (port != null) {
      request = request.port(port);
    }
    if (mda) {
      request = request.allPaths();
    }
    request = family.preference().map(request::ipPreference).orElse(request);
    if (sourcePort != null) {
      request = request.sourcePort(sourcePort);
    }
    if (names) {
      request = request.resolveNames();
    }
    if (!output.json && !mda) {
      TracerouteSpec spec = request.spec();
      output.out().println(family.headerAddress(spec.host()).map(a -> TracerouteText.headerLine(spec, a))
          .orElseGet(() -> TracerouteText.headerLine(spec)));
      output.out().flush();
      java.util.function.Function<InetAddress, Optional<io.netprobe.icmp.AsInfo>> asns = asns();
      request = request.onHop(hop -> {
        output.out().println(asns == null ? TracerouteText.hopLine(hop, names)
            : TracerouteText.hopLine(hop, names, asns));
        output.out().flush();
      });
    }
    TracerouteResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else if (mda) {
      output.out().print(PathsText.render(result));
    } else if (result.failure().isPresent()) {
      output.err().println("traceroute: " + ClassicText.failure(result.failure().get()));
    }
    return result.isSuccess() && result.reached() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  /** The lookup of --asn-file, or null without one. */
  private java.util.function.Function<InetAddress, Optional<io.netprobe.icmp.AsInfo>> asns() {
    if (asnFile == null) {
      return null;
    }
    try {
      return io.netprobe.icmp.AsnTable.load(asnFile)::lookup;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--asn-file cannot be read: " + e.getMessage());
    }
  }

  private TraceMode mode() {
    TraceMode mode = icmp ? TraceMode.ICMP : tcp ? TraceMode.TCP : TraceMode.UDP;
    if (icmp && tcp) {
      throw new IllegalArgumentException("-I and -T exclude each other");
    }
    if (protocol == null) {
      return mode;
    }
    for (TraceMode m : TraceMode.values()) {
      if (m.name().equalsIgnoreCase(protocol)) {
        if ((icmp || tcp) && m != mode) {
          throw new IllegalArgumentException("--protocol " + protocol + " contradicts " + (icmp ? "-I" : "-T"));
        }
        return m;
      }
    }
    throw new IllegalArgumentException("--protocol must be udp, icmp or tcp, was \""
        + protocol.replaceAll("\\p{Cntrl}", "?") + "\"");
  }

  private TraceStrategy strategy() {
    for (TraceStrategy s : TraceStrategy.values()) {
      if (s.name().equalsIgnoreCase(strategy)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--strategy must be paris, classic or dublin, was \""
        + strategy.replaceAll("\\p{Cntrl}", "?") + "\"");
  }
}
