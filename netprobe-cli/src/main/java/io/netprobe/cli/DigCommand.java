package io.netprobe.cli;

import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.text.DigText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe dig [@server] name [type] [+tcp] [+short] [+dnssec] [+norecurse]}, with dig's output. Not
 * thread-safe.
 */
@Command(name = "dig", mixinStandardHelpOptions = true, description = "Look up DNS records, like dig.")
final class DigCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "ARG", arity = "0..*",
      description = "[@server] name [type] [+tcp] [+short] [+dnssec] [+norecurse]")
  List<String> args = new ArrayList<>();

  @Option(names = "-p", paramLabel = "PORT", description = "Server port (default: 53).")
  int port = 53;

  @Option(names = "-x", paramLabel = "ADDR", description = "Reverse lookup of an address.")
  String reverse;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole lookup.")
  Double timeout;

  @Override
  public Integer call() {
    if (reverse != null && !io.netprobe.core.Host.of(reverse).isLiteral()) {
      throw new IllegalArgumentException("-x takes an IP address, was \"" + reverse + "\"");
    }
    String server = null;
    String name = reverse;
    String type = null;
    boolean tcp = false;
    boolean shortForm = false;
    boolean dnssec = false;
    boolean noRecurse = false;
    for (String a : args) {
      if (a.startsWith("@")) {
        server = a.substring(1);
      } else if (a.startsWith("+")) {
        switch (a.toLowerCase(Locale.ROOT)) {
          case "+tcp" -> tcp = true;
          case "+short" -> shortForm = true;
          case "+dnssec" -> dnssec = true;
          case "+norecurse", "+norec" -> noRecurse = true;
          default -> throw new IllegalArgumentException("unknown dig option " + a
              + " (known: +tcp, +short, +dnssec, +norecurse)");
        }
      } else if (name != null && type == null && RecordType.known().containsKey(a.toUpperCase(Locale.ROOT))) {
        type = a;
      } else if (name == null) {
        name = a;
      } else {
        throw new IllegalArgumentException("unexpected argument \"" + a + "\" after name " + name
            + (type == null ? "" : " and type " + type));
      }
    }
    if (name == null) {
      throw new IllegalArgumentException("no name to look up: dig [@server] name [type], or dig -x address");
    }
    DnsRequest request = parent.client().dns(name);
    if (type != null) {
      request = request.type(type);
    }
    if (server != null) {
      request = request.server(server, port);
    }
    if (tcp) {
      request = request.tcp();
    }
    if (dnssec) {
      request = request.dnssec();
    }
    if (noRecurse) {
      request = request.noRecursion();
    }
    if (timeout != null) {
      request = request.timeout(Seconds.of(timeout));
    }
    DnsResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else {
      output.out().print(shortForm ? DigText.renderShort(result) : DigText.render(result, String.join(" ", args)));
      output.out().flush();
    }
    return result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }
}
