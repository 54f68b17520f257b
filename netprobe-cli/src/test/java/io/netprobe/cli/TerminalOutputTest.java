package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour and progress as an operator sees them: the real {@code main} in a child JVM, on a pseudo-terminal that
 * script(1) makes, with one stream at a time redirected to a file. Help is coloured only on a terminal and never
 * with {@code NO_COLOR}; progress goes to standard error only when that is a terminal, and never to standard output.
 */
class TerminalOutputTest {
  static final String ESC = "\u001b[";

  @TempDir Path dir;

  @Test
  void helpIsColouredOnATerminalButNotInAPipeAndNeverWithNoColor() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) makes the pseudo-terminal");
    String onTerminal = onTerminal(Map.of(), "--help");
    assertThat(onTerminal).as("premise: picocli colours help on a terminal").contains("Usage:").contains(ESC);

    String noColor = onTerminal(Map.of("NO_COLOR", "1"), "--help");
    assertThat(noColor).contains("Usage:").doesNotContain(ESC);
    String pingHelp = onTerminal(Map.of("NO_COLOR", ""), "ping", "--help");
    assertThat(pingHelp).as("NO_COLOR set to anything, even empty").contains("Usage:").doesNotContain(ESC);

    String piped = piped("--help");
    assertThat(piped).contains("Usage:").doesNotContain(ESC);
  }

  @Test
  void pingSweepProgressIsOnATerminalStderrOnlyAndNeverOnStdout() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) makes the pseudo-terminal");
    assumeTrue(Probes.defaultClient().ping("127.0.0.1").count(1).timeout(Duration.ofSeconds(2)).run().isSuccess(),
        "ICMP echo on loopback is allowed for this user (root, or net.ipv4.ping_group_range)");
    String[] sweep = {"ping", "-c", "4", "-i", "0.3", "127.0.0.1", "127.0.0.2"};
    String alive = "127.0.0.1 is alive\n127.0.0.2 is alive\n";

    Path out = dir.resolve("out");
    String terminal = onTerminal(Map.of(), redirect(sweep, ">", out));
    assertThat(Files.readString(out)).as("stdout in a file: the fping lines, no progress").isEqualTo(alive);
    assertThat(terminal).as("stderr on the terminal: the progress bar").contains("echoes sent").contains("[#");

    Path err = dir.resolve("err");
    String stdoutOnTerminal = onTerminal(Map.of(), redirect(sweep, "2>", err));
    assertThat(Files.readString(err)).as("stderr in a file: no progress drawn into it").isEmpty();
    assertThat(stdoutOnTerminal).contains("127.0.0.1 is alive").doesNotContain("echoes sent").doesNotContain("[#");
  }

  @Test
  void tcpSweepProgressFollowsStderrToo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) makes the pseudo-terminal");
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String[] sweep = {"tcp", "127.0.0.1", open.getLocalPort() + ",1"};
      Path out = dir.resolve("tcp-out");
      String terminal = onTerminal(Map.of(), redirect(sweep, ">", out));
      assertThat(Files.readString(out)).endsWith("1 of 2 ports open on 127.0.0.1\n").doesNotContain("[#");
      assertThat(terminal).contains("2/2 1 open");

      Path err = dir.resolve("tcp-err");
      String stdoutOnTerminal = onTerminal(Map.of(), redirect(sweep, "2>", err));
      assertThat(Files.readString(err)).isEmpty();
      assertThat(stdoutOnTerminal).contains("1 of 2 ports open").doesNotContain("[#");
    }
  }

  private static String[] redirect(String[] args, String operator, Path file) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = operator + quote(file.toString());
    return all;
  }

  /** What the terminal shows when {@code netprobe ARGS} runs on a pseudo-terminal (args may end in a redirection). */
  private String onTerminal(Map<String, String> env, String... args) throws Exception {
    StringBuilder command = new StringBuilder();
    for (String part : javaCommand()) {
      command.append(quote(part)).append(' ');
    }
    for (String arg : args) {
      command.append(arg.startsWith(">") || arg.startsWith("2>") ? arg : quote(arg)).append(' ');
    }
    return run(List.of("/usr/bin/script", "-qec", command.toString(), "/dev/null"), env);
  }

  private String piped(String... args) throws Exception {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of(args));
    return run(command, Map.of());
  }

  private String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().remove("NO_COLOR");
    pb.environment().remove("CLICOLOR_FORCE");
    pb.environment().put("TERM", "xterm-256color");
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(output, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static List<String> javaCommand() {
    // as the launcher and the jar's manifest: JNA (ICMP) loads native code without JDK 22+'s warning on stderr
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Netprobe.class.getName());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
