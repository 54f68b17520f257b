package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The start-up shortcut builds only the named subcommand, and that one parses exactly as in the whole tree. */
class SubcommandsTest {
  static CommandLine lazy(String... args) {
    CommandLine cl = new CommandLine(new Netprobe(Probes.defaultClient(), Locale.ENGLISH));
    Subcommands.register(cl, args);
    return cl;
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    for (String name : Subcommands.names()) {
      assertThat(lazy(name, "x").getSubcommands()).containsOnlyKeys(name);
    }
  }

  @Test
  void anythingElseGetsTheWholeTree() {
    List<String> all = new ArrayList<>();
    Subcommands.names().forEach(all::add);
    assertThat(all).containsExactly("ping", "traceroute", "mtr", "head", "dig", "delv", "ss", "tcp", "grpc", "diagnose", "demo");
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"digg"}, {"-x", "dig"}}) {
      assertThat(lazy(args).getSubcommands().keySet()).containsExactlyElementsOf(all);
    }
  }

  @Test
  void bothPathsParseTheSameArguments() {
    String[][] cases = {{"dig", "@127.0.0.1", "-p", "5353", "example.org", "AAAA", "+tcp", "--json"},
        {"tcp", "127.0.0.1", "22,80-81", "--json"}, {"ss", "-tlnp", "--port", "22"},
        {"head", "https://example.org/", "--json"}, {"ping", "-c", "2", "127.0.0.1"}};
    for (String[] args : cases) {
      CommandLine.ParseResult full = Netprobe.commandLine(Probes.defaultClient(), Locale.ENGLISH,
          new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).parseArgs(args);
      CommandLine.ParseResult one = lazy(args).parseArgs(args);
      assertThat(one.subcommand().matchedArgs().toString()).isEqualTo(full.subcommand().matchedArgs().toString());
      assertThat(one.subcommand().originalArgs()).isEqualTo(full.subcommand().originalArgs());
    }
  }

  @Test
  void versionNamesTheCommit() {
    StringWriter out = new StringWriter();
    int exit = Netprobe.commandLine(Probes.defaultClient(), Locale.ENGLISH, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true)).execute("--version");
    assertThat(exit).isZero();
    assertThat(out.toString()).matches("(?s)netprobe \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{12}.*\\)\\RJava .*");
  }

  /**
   * picocli formats descriptions as format strings: a lone {@code %} ("95% confidence") makes it print the raw text
   * with a warning on every {@code --help}. Every description, as written in the annotations of every command, its
   * options, parameters and mixins, is a well-formed format string.
   */
  @Test
  void everyDescriptionIsAWellFormedFormatString() {
    List<String> bad = new ArrayList<>();
    for (CommandLine cl : lazy().getSubcommands().values()) {
      descriptions(cl.getCommand().getClass(), bad, cl.getCommandName());
    }
    assertThat(bad).isEmpty();
  }

  private static void descriptions(Class<?> type, List<String> bad, String command) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
      if (cmd != null) {
        check(cmd.description(), bad, command);
      }
      List<java.lang.reflect.AnnotatedElement> members = new ArrayList<>(List.of(c.getDeclaredFields()));
      members.addAll(List.of(c.getDeclaredMethods()));
      for (java.lang.reflect.AnnotatedElement m : members) {
        CommandLine.Option o = m.getAnnotation(CommandLine.Option.class);
        if (o != null) {
          check(o.description(), bad, command);
        }
        CommandLine.Parameters p = m.getAnnotation(CommandLine.Parameters.class);
        if (p != null) {
          check(p.description(), bad, command);
        }
        if (m instanceof java.lang.reflect.Field f && (f.isAnnotationPresent(CommandLine.Mixin.class)
            || f.isAnnotationPresent(CommandLine.ArgGroup.class))) {
          descriptions(f.getType(), bad, command);
        }
      }
    }
  }

  private static void check(String[] lines, List<String> bad, String command) {
    for (String text : lines) {
      try {
        String.format(Locale.ROOT, text.replaceAll("\\$\\{[^}]*}", ""));
      } catch (java.util.IllegalFormatException e) {
        bad.add(command + ": " + text + " (" + e + ")");
      }
    }
  }
}
