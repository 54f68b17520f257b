package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs commands and child JVMs for the integration tests, with a time limit; never leaves a process behind. */
final class ChildProcesses {
  private ChildProcesses() {}

  /** Whether {@code command} is on the PATH (or an absolute path that exists). */
  static boolean installed(String command) {
    if (command.startsWith("/")) {
      return Files.isExecutable(Path.of(command));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command));
  }

  static boolean isRoot() {
    try {
      return run(List.of("id", "-u")).get(0).equals("0");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Runs a command to completion (at most 30 s), asserts exit status 0, returns its standard output lines. Standard
   * error is kept apart (JDK 22+ prints native-access warnings there) and shown when the command fails.
   */
  static List<String> run(List<String> command) {
    Path errors = null;
    try {
      errors = Files.createTempFile("netprobe-child", ".err");
      Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 30 s");
      }
      assertThat(p.exitValue()).as("%s exited with %s: %s %s", command, p.exitValue(), lines,
          Files.readString(errors)).isZero();
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (errors != null) {
        errors.toFile().delete();
      }
    }
  }

  /** The class path a child JVM needs for {@link ListingMain}: netprobe-core, this module, its tests and JNA. */
  static List<Path> listingClassPath() {
    return Stream.of(Probes.class, NetlinkSocketTableBackend.class, ListingMain.class, com.sun.jna.Native.class)
        .map(ChildProcesses::location).distinct().toList();
  }

  /** {@code java -cp … ListingMain backend}, to be prefixed with {@code ip netns exec …}, {@code unshare …}. */
  static List<String> listingCommand(List<Path> classPath, String backend, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(":")));
    command.add(ListingMain.class.getName());
    command.add(backend);
    return command;
  }

  /** {@code prefix} followed by {@code command}. */
  static List<String> concat(List<String> prefix, List<String> command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(command);
    return all;
  }

  private static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
