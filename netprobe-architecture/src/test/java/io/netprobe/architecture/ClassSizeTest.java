package io.netprobe.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Readable code: no main source file (one top-level class) is longer than 400 lines, in any module. */
class ClassSizeTest {
  static final int MAX_LINES = 400;

  @Test
  void noMainClassOver400Lines() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    assertThat(root.resolve("netprobe-core")).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(root)) {
      tooLong = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(p -> lines(p) > MAX_LINES)
          .map(p -> root.relativize(p) + ": " + lines(p) + " lines")
          .toList();
    }
    assertThat(tooLong).isEmpty();
  }

  private static long lines(Path p) {
    try (Stream<String> l = Files.lines(p)) {
      return l.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
