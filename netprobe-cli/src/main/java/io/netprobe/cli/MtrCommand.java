package io.netprobe.cli;

import io.netprobe.icmp.MtrRequest;
import io.netprobe.icmp.MtrResult;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.text.ClassicText;
import io.netprobe.text.MtrText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe mtr host}: a live per-hop view redrawn after every cycle, or with {@code -r} mtr's report after
 * the last cycle. Not thread-safe.
 */
@Command(name = "mtr", mixinStandardHelpOptions = true, description = "Trace a host again and again with per-hop "
    + "loss and latency statistics, like mtr: live, or as mtr's report with -r.")
final class MtrCommand implements Callable<Integer> {
  /** Cycles in live mode without -c: until interrupted, in practice. */
  private static final int LIVE_CYCLES = 100_000;
  private static final String CLEAR = "\033[H\033[2J";

  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "HOST", description = "Host name or address.")
  String host;

  @Option(names = {"-r", "--report"}, description = "Print mtr's report after the last cycle instead of a live view.")
  boolean report;

  @Option(names = {"-c", "--report-cycles"}, paramLabel = "COUNT", description = "Cycles to run (default: 10 with "
      + "-r or --json, else until interrupted).")
  Integer cycles;

  @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", description = "Seconds between cycles (default: "
      + "${DEFAULT-VALUE}).")
  double interval = 1.0;

  @Option(names = {"-m", "--max-ttl"}, paramLabel = "MAX_TTL", description = "Last TTL to try (default: "
      + "${DEFAULT-VALUE}).")
  int maxHops = 30;

  @Option(names = "-I", description = "Use ICMP echo instead of UDP probes.")
  boolean icmp;

  @Option(names = {"-T", "--tcp"}, description = "Use TCP SYN probes, to port 80 unless -P (needs CAP_NET_RAW).")
  boolean tcp;

  @Option(names = {"-P", "--port"}, paramLabel = "PORT", description = "The target port of TCP probes, or of UDP "
      + "probes (mtr's -P).")
  Integer port;

  @Option(names = {"-n", "--no-dns"}, description = "Accepted for mtr compatibility: hops are always numeric.")
  boolean numeric;

  @Option(names = "--strategy", paramLabel = "STRATEGY", description = "paris (default) or classic, as for "
      + "traceroute.")
  String strategy = "paris";

  @Mixin IpFamilyOptions family;

  @Override
  public Integer call() {
    boolean live = !report && !output.json;
    int count = cycles != null ? cycles : live ? LIVE_CYCLES : MtrRequest.DEFAULT_CYCLES;
    MtrRequest request = parent.client().mtr(host).cycles(count).interval(Seconds.of(interval)).maxHops(maxHops)
        .mode(icmp ? TraceMode.ICMP : tcp ? TraceMode.TCP : TraceMode.UDP).strategy(strategy());
    request = family.preference().map(request::ipPreference).orElse(request);
    if (port != null) {
      request = request.port(port);
    }
    if (live) {
      request = request.onCycle(snapshot -> {
        output.out().print(CLEAR + MtrText.screen(snapshot, Instant.now()));
        output.out().flush();
      });
    }
    MtrResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else if (report) {
      output.out().print(MtrText.report(result, localHostName()));
      output.out().flush();
    } else if (result.failure().isPresent()) {
      output.err().println("mtr: " + ClassicText.failure(result.failure().get()));
    }
    return result.isSuccess() && result.cycles() > 0 ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  private TraceStrategy strategy() {
    for (TraceStrategy s : TraceStrategy.values()) {
      if (s.name().equalsIgnoreCase(strategy)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--strategy must be paris or classic, was \""
        + strategy.replaceAll("\\p{Cntrl}", "?") + "\"");
  }

  /** The kernel's host name, as mtr prints it on the HOST: line, without a DNS lookup. */
  private static String localHostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }
}
