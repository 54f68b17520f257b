package io.netprobe.cli;

import io.netprobe.jackson.NetprobeJson;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every subcommand shares: {@code --json}. Not thread-safe. */
final class Output {
  @Option(names = "--json", description = "Print the result as JSON instead of the classic tool's text.")
  boolean json;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(Object value) {
    out().println(NetprobeJson.toPrettyJson(value));
    out().flush();
  }
}
