package io.netprobe.exporter.internal.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one probe, as blackbox keeps it for {@code debug=true} and {@code /logs?id=}: logfmt lines with a
 * timestamp, a level and a message. Secrets never enter it (callers log option names, not values). Thread-safe.
 */
public final class ProbeLog {
  private final List<String> lines = new ArrayList<>();

  public synchronized void info(String message) {
    add("info", message);
  }

  public synchronized void debug(String message) {
    add("debug", message);
  }

  public synchronized void error(String message) {
    add("error", message);
  }

  private void add(String level, String message) {
    lines.add("ts=" + Instant.now() + " level=" + level + " msg=" + quote(message));
  }

  /** Adds a block of text (a classic tool's rendering) as it is. */
  public synchronized void raw(String text) {
    lines.add(text.stripTrailing());
  }

  public synchronized String text() {
    return String.join("\n", lines) + "\n";
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
