package io.netprobe.edge;

import io.netprobe.http.EdgeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The format of the catalog's resource files: {@code #} comments and blank lines are skipped, a line
 * {@code @PROVIDER yyyy-mm-dd source} opens each provider's section, and every other line is one entry of the section
 * open above it. Errors name the file and line. Stateless; thread-safe.
 */
final class SectionFile {
  /** One provider's section. */
  record Section(EdgeProvider provider, LocalDate date, String source, List<Entry> entries) {}

  /** One entry line: where it is (for messages) and its text. */
  record Entry(String where, String text) {}

  private SectionFile() {}

  static List<Section> load(String resource) {
    try (InputStream in = SectionFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return read(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Section> read(String source, BufferedReader reader) throws IOException {
    List<Section> sections = new ArrayList<>();
    Set<EdgeProvider> seen = EnumSet.noneOf(EdgeProvider.class);
    Section open = null;
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String where = source + ":" + number + ": ";
      if (text.startsWith("@")) {
        String[] parts = text.substring(1).split("\\s+");
        EdgeProvider provider = provider(where, parts[0]);
        if (parts.length < 2) {
          throw new IllegalStateException(where + "@" + parts[0] + " names no publication date (yyyy-mm-dd)");
        }
        LocalDate date = date(where, parts[1]);
        if (parts.length < 3) {
          throw new IllegalStateException(where + "@" + parts[0] + " names no source after its date");
        }
        if (!seen.add(provider)) {
          throw new IllegalStateException(where + "a second section for " + provider);
        }
        open = new Section(provider, date, parts[2], new ArrayList<>());
        sections.add(open);
        continue;
      }
      if (open == null) {
        throw new IllegalStateException(where + text + " before any @PROVIDER line");
      }
      open.entries().add(new Entry(where, text));
    }
    return sections.stream().map(s -> new Section(s.provider(), s.date(), s.source(), List.copyOf(s.entries())))
        .toList();
  }

  private static EdgeProvider provider(String where, String name) {
    try {
      return EdgeProvider.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + name + " is not an io.netprobe.http.EdgeProvider constant", e);
    }
  }

  private static LocalDate date(String where, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(where + text + " is not a date (yyyy-mm-dd)", e);
    }
  }
}
