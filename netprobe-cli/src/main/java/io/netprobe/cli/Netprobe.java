package io.netprobe.cli;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code netprobe}: ping, traceroute, mtr, head (curl -I), dig, delv, ss, tcp, diagnose and demo. Exit codes: 0 healthy,
 * 1 the probe failed, 2 usage error or a probe that could not run at all (a ping without permission, as iputils
 * exits).
 *
 * <p>Not thread-safe: one instance per invocation.
 */
// the subcommands are registered by Subcommands, all of them or only the one the arguments name (start-up time)
@Command(name = "netprobe", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
    description = "The outage checklist as commands: is it the network, DNS, the CDN edge, or the origin?",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:healthy: the probe succeeded", "1:the probe failed (the network answered badly or not at all)",
        "2:usage error, or the probe could not run at all (ping without permission)"})
public final class Netprobe implements Callable<Integer> {
  public static final int HEALTHY = 0;
  public static final int PROBE_FAILED = 1;
  public static final int USAGE = 2;
  /** iputils' exit code when ping cannot even open its socket; the same number as a usage error. */
  public static final int COULD_NOT_RUN = 2;
  /**
   * The version of the {@code --json} output's schemas ({@code io/netprobe/cli/schema/*.schema.json}, in each
   * {@code $id}): fields may be added within a version; removing, renaming or retyping one makes a new version.
   */
  public static final int JSON_SCHEMA_VERSION = 1;

  private final Supplier<ProbeClient> client;
  private final Locale locale;

  @Spec CommandSpec spec;

  /** A command using {@code client} for every probe, reporting in {@code locale}'s language unless told otherwise. */
  public Netprobe(ProbeClient client, Locale locale) {
    this(() -> client, locale);
  }

  private Netprobe(Supplier<ProbeClient> client, Locale locale) {
    this.client = client;
    this.locale = locale;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // the client (backends found through ServiceLoader) is made only when a probe runs, not for --help or --version
    AtomicReference<ProbeClient> made = new AtomicReference<>();
    Supplier<ProbeClient> client = () -> made.updateAndGet(c -> c != null ? c : Probes.defaultClient());
    CommandLine cl = new CommandLine(new Netprobe(client, Locale.getDefault()));
    Subcommands.register(cl, args);
    int code = configure(cl, out, err).execute(args);
    out.flush();
    err.flush();
    // HotSpot's exit waits up to 300 ms for threads inside native calls (the engine's epoll_wait and poll): stopping
    // them first makes the command end when its output does
    ProbeClient used = made.get();
    if (used != null) {
      used.close();
    }
    System.exit(code);
  }

  /**
   * The configured picocli command line: output to {@code out}/{@code err} with secrets redacted line by line
   * ({@link io.netprobe.core.Redaction}), usage errors and bad values exit 2.
   */
  public static CommandLine commandLine(ProbeClient client, Locale locale, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Netprobe(client, locale));
    Subcommands.registerAll(cl);
    // after the subcommands: picocli passes streams and handlers only to the subcommands already added
    return configure(cl, out, err);
  }

  private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
    cl.setOut(new PrintWriter(new RedactingWriter(out), true));
    cl.setErr(new PrintWriter(new RedactingWriter(err), true));
    cl.setParameterExceptionHandler((e, args) -> {
      // one line naming the problem and where help is, not the whole usage
      CommandLine failed = e.getCommandLine();
      String command = failed.getCommandSpec().qualifiedName();
      failed.getErr().println(command + ": " + e.getMessage() + " (see '" + command + " -h')");
      failed.getErr().flush();
      return USAGE;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof IllegalArgumentException) {
        // netprobe rejects bad hosts, ports and URLs with a message naming the value: a usage error
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        return USAGE;
      }
      throw e;
    });
    return cl;
  }

  ProbeClient client() {
    return client.get();
  }

  Locale locale() {
    return locale;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }
}
