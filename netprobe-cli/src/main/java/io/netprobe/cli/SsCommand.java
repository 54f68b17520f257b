package io.netprobe.cli;

import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.text.ClassicText;
import io.netprobe.text.SsText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code netprobe ss -tulnp}: listening sockets with owners and exposure. Not thread-safe. */
@Command(name = "ss", mixinStandardHelpOptions = true, description = "List listening sockets, like ss -tulnp, with who can reach each one.")
final class SsCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Option(names = "-t", description = "TCP only.")
  boolean tcp;

  @Option(names = "-u", description = "UDP only.")
  boolean udp;

  @Option(names = "-4", description = "IPv4 only.")
  boolean ipv4;

  @Option(names = "-6", description = "IPv6 only.")
  boolean ipv6;

  @Option(names = "-p", description = "Show owning processes (slower on busy hosts).")
  boolean processes;

  @Option(names = "-l", description = "Accepted for familiarity: netprobe lists listening sockets.")
  boolean listening;

  @Option(names = "-n", description = "Accepted for familiarity: netprobe never resolves names here.")
  boolean numeric;

  @Option(names = "--port", paramLabel = "PORT", description = "Only this local port.")
  Integer port;

  @Option(names = "--process", paramLabel = "NAME", description = "Only sockets owned by this process name.")
  String process;

  @Override
  public Integer call() {
    ListeningSocketsRequest request = parent.client().listeningSockets();
    if (tcp && !udp) {
      request = request.tcp();
    } else if (udp && !tcp) {
      request = request.udp();
    }
    if (ipv4 && !ipv6) {
      request = request.ipv4();
    } else if (ipv6 && !ipv4) {
      request = request.ipv6();
    }
    if (port != null) {
      request = request.port(port);
    }
    if (process != null) {
      request = request.process(process);
    } else if (!processes) {
      request = request.withoutOwners();
    }
    ListeningSocketsResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else if (result.failure().isPresent()) {
      output.err().println("netprobe ss: " + ClassicText.failure(result.failure().get()));
    } else {
      output.out().print(SsText.render(result));
      output.out().flush();
    }
    return result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }
}
