package io.netprobe.cli;

import io.netprobe.dns.DnsValidationResult;
import io.netprobe.text.ClassicText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe delv [@server] [-a anchor-file] [-p port] name [type]}: a lookup validated with DNSSEC, printed as
 * delv prints it ({@code ; fully validated}, {@code ; unsigned answer}, or {@code ;; resolution failed} with the
 * reason). Not thread-safe.
 */
@Command(name = "delv", mixinStandardHelpOptions = true, description = {"Look up and validate DNS records with DNSSEC, like delv.",
    "Trust anchor: -a FILE (DS or DNSKEY records), default the system's root key (/usr/share/dns/root.key)."})
final class DelvCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "ARG", arity = "0..*", description = "[@server] name [type] [+tcp] [+short] [+norecurse]")
  List<String> args = new ArrayList<>();

  @Option(names = "-a", paramLabel = "FILE", description = "Trust anchor: DS or DNSKEY records in zone-file syntax.")
  Path trustAnchor;

  @Option(names = "-p", paramLabel = "PORT", description = "Server port (default: 53).")
  int port = 53;

  @Option(names = "-x", paramLabel = "ADDR", description = "Reverse lookup of an address.")
  String reverse;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole lookup.")
  Double timeout;

  @Override
  public Integer call() {
    DigArguments a = DigArguments.parse(args, reverse);
    if (a.trace()) {
      throw new IllegalArgumentException("delv does not trace; use netprobe dig +trace");
    }
    DnsValidationResult result = DigCommand.validation(DigCommand.request(parent, a, port, timeout, true),
        trustAnchor).run();
    if (output.json) {
      output.printJson(result);
    } else {
      if (a.shortForm()) {
        return DigCommand.printShort(output, result);
      }
      output.out().print(ClassicText.render(result));
      output.out().flush();
    }
    return DigCommand.exit(result);
  }
}
