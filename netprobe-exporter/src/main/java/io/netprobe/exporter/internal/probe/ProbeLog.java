package io.netprobe.exporter.internal.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one probe, as blackbox keeps it for {@code debug=true} and {@code /logs?id=}: logfmt lines with a
 * timestamp, a level and a message. Secrets never enter it (callers log option names, not values). Lines are kept
 * raw and written only when read: most probes' logs never are, and formatting a timestamp costs more than the rest
 * of a line. Thread-safe.
 */
public final class ProbeLog {
  /** One line; {@code level} null for a raw block. */
  private record Line(@javax.annotation.Nullable Instant at, @javax.annotation.Nullable String level, String message) {}

  private final List<Line> lines = new ArrayList<>(8);

  public synchronized void info(String message) {
    add("info", message);
  }

  public synchronized void debug(String message) {
    add("debug", message);
  }

  public synchronized void warn(String message) {
    add("warn", message);
  }

  public synchronized void error(String message) {
    add("error", message);
  }

  private void add(String level, String message) {
    lines.add(new Line(Instant.now(), level, message));
  }

  /** Adds a block of text (a classic tool's rendering) as it is. */
  public synchronized void raw(String text) {
    lines.add(new Line(null, null, text));
  }

  public synchronized String text() {
    StringBuilder b = new StringBuilder(lines.size() * 96);
    for (Line l : lines) {
      if (l.level() == null) {
        b.append(l.message().stripTrailing());
      } else {
        b.append("ts=").append(l.at()).append(" level=").append(l.level())
            .append(" msg=").append(quote(l.message()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
