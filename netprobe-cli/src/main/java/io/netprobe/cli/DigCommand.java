package io.netprobe.cli;

import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceRequest;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsValidationRequest;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecStatus;
import io.netprobe.dns.RecordType;
import io.netprobe.text.ClassicText;
import io.netprobe.text.DigText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code netprobe dig [@server…] name [type] [+tcp] [+short] [+dnssec] [+norecurse] [+trace] [+validate]}, with
 * dig's output: one server is a lookup, several a fan-out that says whether they agree, {@code +trace} the
 * iterative walk from the root servers ({@code @server} or {@code --root} name them instead of the root hints),
 * {@code +validate} a DNSSEC validation in delv's words. Not thread-safe.
 */
@Command(name = "dig", mixinStandardHelpOptions = true, description = {"Look up DNS records, like dig.",
    "Several @servers: ask them all at once and compare. +trace: resolve from the root servers (@server or --root "
        + "replace the root hints). +validate: validate with DNSSEC like delv (--trust-anchor, default the root key)."})
final class DigCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ARG", arity = "0..*",
      description = "[@server…] name [type] [+tcp] [+short] [+dnssec] [+norecurse] [+trace] [+validate] [+tls] "
          + "[+https[=PATH]] [+https-get] [+tls-ca[=FILE]] [+tls-hostname=NAME]")
  List<String> args = new ArrayList<>();

  @Option(names = "-p", paramLabel = "PORT", description = "Server port (default: 53).")
  int port = 53;

  @Option(names = "-b", paramLabel = "ADDR", description = "Send from this local address.")
  String source;

  @Option(names = "-x", paramLabel = "ADDR", description = "Reverse lookup of an address.")
  String reverse;

  @Option(names = "--root", paramLabel = "ADDR",
      description = "With +trace: start from this root server instead of the root hints (repeatable).")
  List<String> roots = new ArrayList<>();

  @Option(names = "--trust-anchor", paramLabel = "FILE",
      description = "With +validate: DS or DNSKEY records to validate from (default: /usr/share/dns/root.key).")
  Path trustAnchor;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of the whole lookup.")
  Double timeout;

  @Override
  public Integer call() {
    DigArguments a = DigArguments.parse(args, reverse);
    String commandLine = DigArguments.commandLine(spec.commandLine().getParseResult().originalArgs(), "dig");
    if (!roots.isEmpty() && !a.trace()) {
      throw new IllegalArgumentException("--root names the root servers of a +trace; add +trace");
    }
    if (trustAnchor != null && !a.validate()) {
      throw new IllegalArgumentException("--trust-anchor is for +validate; add +validate (or use netprobe delv)");
    }
    DnsRequest request = request(parent, a, port, timeout, !a.trace());
    if (source != null) {
      request = request.source(source);
    }
    if (a.trace()) {
      DnsTraceRequest trace = request.trace().port(port);
      List<String> starts = new ArrayList<>(roots);
      starts.addAll(a.servers());
      for (String root : starts) {
        trace = trace.rootServer(root);
      }
      DnsTraceResult result = trace.run();
      return a.shortForm() && !output.json ? printShort(result, DigText.renderShortTrace(result)) : print(result,
          commandLine);
    }
    if (a.validate()) {
      DnsValidationResult result = validation(request, trustAnchor).run();
      return a.shortForm() && !output.json ? printShort(output, result) : print(result, commandLine);
    }
    if (a.servers().size() > 1) {
      DnsFanOutResult result = request.fanOut().run();
      if (a.shortForm() && !output.json) {
        StringBuilder text = new StringBuilder();
        for (DnsResult r : result.results()) {
          text.append(DigText.renderShortIdentified(r));
          r.failure().filter(f -> r.answers().isEmpty()).ifPresent(f -> output.err().println(";; "
              + r.server().map(s -> s.getHostString()).orElse("?") + ": " + ClassicText.failure(f)));
        }
        return printShort(result, text.toString());
      }
      return print(result, commandLine);
    }
    DnsResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else {
      output.out().print(a.shortForm() ? DigText.renderShort(result) : DigText.render(result, commandLine));
      output.out().flush();
    }
    return exit(result);
  }

  /** The lookup the arguments ask for; the servers are left out for a trace, which starts at the root. */
  static DnsRequest request(Netprobe parent, DigArguments a, int port, @Nullable Double timeout,
      boolean withServers) {
    DnsRequest request = parent.client().dns(a.name());
    if (a.type() != null) {
      request = request.type(a.type());
    }
    if (withServers) {
      for (String server : a.servers()) {
        request = request.server(server, port);
      }
    }
    if (a.tcp()) {
      request = request.tcp();
    }
    if (a.dnssec()) {
      request = request.dnssec();
    }
    if (a.noRecurse()) {
      request = request.noRecursion();
    }
    if (timeout != null) {
      request = request.timeout(Seconds.of(timeout));
    }
    return a.transport().apply(request, a.servers(), port);
  }

  static DnsValidationRequest validation(DnsRequest request, @Nullable Path trustAnchor) {
    DnsValidationRequest v = request.validate();
    return trustAnchor == null ? v : v.trustAnchorFile(trustAnchor);
  }

  private int print(ProbeResult result, String commandLine) {
    if (output.json) {
      output.printJson(result);
    } else {
      output.out().print("; <<>> netprobe dig <<>> " + commandLine + "\n;; global options: +cmd\n"
          + ClassicText.render(result));
      output.out().flush();
    }
    return exit(result);
  }

  private int printShort(ProbeResult result, String text) {
    output.out().print(text);
    output.out().flush();
    output.err().flush();
    return exit(result);
  }

  /** delv +short: the validated data; for a bogus answer nothing on stdout and delv's reason on stderr. */
  static int printShort(Output output, DnsValidationResult result) {
    if (result.status().filter(s -> s == DnssecStatus.BOGUS).isPresent() || result.failure().isPresent()
        && result.response().answers().isEmpty()) {
      output.err().println(";; resolution failed: " + result.reason().orElseGet(() -> result.failure()
          .map(ClassicText::failure).orElse("unknown")));
      output.err().flush();
    } else {
      // delv +short leaves the signatures out (+short implies +nodnssec)
      output.out().print(result.response().answers().stream().filter(r -> !r.type().equals(RecordType.RRSIG))
          .map(r -> r.data() + "\n").collect(Collectors.joining()));
      output.out().flush();
    }
    return exit(result);
  }

  static int exit(ProbeResult result) {
    return result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }
}
