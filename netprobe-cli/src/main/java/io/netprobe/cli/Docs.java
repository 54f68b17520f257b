package io.netprobe.cli;

import io.netprobe.Probes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes, from the command definitions, what a package installs beside the launcher: the man page
 * ({@code man/man1/netprobe.1.gz}), bash completion ({@code bash-completion/completions/netprobe}) and zsh completion
 * ({@code zsh/vendor-completions/_netprobe}) and the JSON Schemas of {@code --json}
 * ({@code doc/netprobe/schema/COMMAND.schema.json}), under the directory given as the only argument. Run by the
 * distribution's build. Stateless.
 */
public final class Docs {
  /** The commands with a {@code --json} schema ({@code demo} prints a diagnosis: diagnose's). */
  static final java.util.List<String> SCHEMAS =
      java.util.List.of("ping", "traceroute", "mtr", "head", "dig", "delv", "ss", "tcp", "grpc", "diagnose");

  private Docs() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Docs OUTPUT_DIR (got " + args.length + " arguments)");
    }
    Path share = Path.of(args[0]);
    CommandLine cl = Netprobe.commandLine(Probes.builder().build(), Locale.ENGLISH,
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    String bash = AutoComplete.bash("netprobe", cl);
    write(share.resolve("bash-completion/completions/netprobe"), bash.getBytes(StandardCharsets.UTF_8));
    // zsh runs bash completion functions through bashcompinit; the file is autoloaded on the first Tab
    String zsh = "#compdef netprobe\nautoload -U +X bashcompinit && bashcompinit\n" + bash
        + "\n_complete_netprobe \"$@\"\n";
    write(share.resolve("zsh/vendor-completions/_netprobe"), zsh.getBytes(StandardCharsets.UTF_8));
    for (String command : SCHEMAS) {
      String file = command + ".schema.json";
      try (java.io.InputStream in = Docs.class.getResourceAsStream("schema/" + file)) {
        if (in == null) {
          throw new IllegalStateException("schema/" + file + " is missing from the jar");
        }
        write(share.resolve("doc/netprobe/schema/" + file), in.readAllBytes());
      }
    }
    Path man = share.resolve("man/man1/netprobe.1.gz");
    Files.createDirectories(man.getParent());
    // gzip without a name or time stamp, as Debian wants (reproducible)
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(man))) {
      out.write(manPage(cl).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  /** The troff man page of {@code root} and its subcommands. */
  static String manPage(CommandLine root) {
    CommandSpec spec = root.getCommandSpec();
    String version = new BuildInfo().getVersion()[0];
    StringBuilder m = new StringBuilder();
    m.append(".TH NETPROBE 1 \"\" \"").append(esc(version)).append("\" \"User Commands\"\n");
    m.append(".SH NAME\nnetprobe \\- ").append(esc(String.join(" ", spec.usageMessage().description()))).append('\n');
    m.append(".SH SYNOPSIS\n.B netprobe\n[\\fB\\-h\\fR|\\fB\\-V\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n");
    m.append(".SH DESCRIPTION\nEach command probes like the classic tool it is named after and prints that tool's"
        + " text, or JSON with \\fB\\-\\-json\\fR. Progress goes to standard error, and only on a terminal.\n");
    m.append(".SH OPTIONS\n");
    options(m, spec);
    m.append(".SH COMMANDS\n");
    root.getSubcommands().forEach((name, sub) -> {
      CommandSpec s = sub.getCommandSpec();
      m.append(".SS ").append(esc(name)).append('\n');
      m.append(esc(sub.getHelp().synopsis(0).strip().replaceAll("^Usage: ", ""))).append('\n');
      m.append(".PP\n").append(esc(String.join(" ", s.usageMessage().description()))).append('\n');
      for (PositionalParamSpec p : s.positionalParameters()) {
        m.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n")
            .append(esc(String.join(" ", p.description()))).append('\n');
      }
      options(m, s);
    });
    m.append(".SH JSON OUTPUT\nWith \\fB\\-\\-json\\fR each command prints one JSON document described by a JSON Schema"
        + " (draft 2020-12) in \\fI/usr/share/doc/netprobe/schema/COMMAND.schema.json\\fR (\\fBdemo\\fR: diagnose's)."
        + " This is schema version " + Netprobe.JSON_SCHEMA_VERSION + ", named in each schema's \\fB$id\\fR"
        + " (urn:netprobe:json-schema:" + Netprobe.JSON_SCHEMA_VERSION + ":COMMAND) and by \\fBnetprobe \\-\\-version\\fR."
        + " Fields may be added within a version; a field removed, renamed or retyped makes a new version.\n");
    m.append(".SH EXIT STATUS\n");
    spec.usageMessage().exitCodeList().forEach((code, meaning) ->
        m.append(".TP\n.B ").append(esc(code.strip())).append('\n').append(esc(meaning)).append('\n'));
    m.append(".SH ENVIRONMENT\n.TP\n.B JAVA_HOME\nThe Java runtime (17 or later) to use; otherwise \\fBjava\\fR on the"
        + " PATH.\n.TP\n.B NETPROBE_OPTS\nExtra options for the Java virtual machine.\n.TP\n.B NETPROBE_CDS\n"
        + "\\fBoff\\fR: do not use or make the class-data archive that speeds up start-up.\n.TP\n.B NO_COLOR\n"
        + "When set, help is never coloured (netprobe colours nothing else).\n");
    m.append(".SH SEE ALSO\n.BR dig (1),\n.BR curl (1),\n.BR ping (8),\n.BR traceroute (1),\n.BR mtr (8),\n.BR ss (8),\n"
        + ".BR nc (1)\n");
    return m.toString();
  }

  private static void options(StringBuilder m, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      m.append(".TP\n\\fB").append(esc(String.join(", ", o.names()))).append("\\fR");
      if (o.arity().max() > 0) {
        m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
      }
      m.append('\n').append(esc(String.join(" ", o.description()))).append('\n');
    }
  }

  private static String esc(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-").replaceAll("%n", " ");
    return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
  }
}
