package io.netprobe.exporter.internal.web;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** The exporter's own log on stderr, logfmt or JSON, with go-kit's level filter. Thread-safe. */
public final class Log {
  private static final List<String> LEVELS = List.of("debug", "info", "warn", "error");
  private final int threshold;
  private final boolean json;
  private final PrintStream out;

  public Log(String level, String format, PrintStream out) {
    this.threshold = LEVELS.indexOf(level);
    this.json = format.equals("json");
    this.out = out;
  }

  public void debug(String msg, String... kv) {
    log("debug", msg, kv);
  }

  public void info(String msg, String... kv) {
    log("info", msg, kv);
  }

  public void warn(String msg, String... kv) {
    log("warn", msg, kv);
  }

  public void error(String msg, String... kv) {
    log("error", msg, kv);
  }

  private void log(String level, String msg, String... kv) {
    if (LEVELS.indexOf(level) < threshold) {
      return;
    }
    StringBuilder b = new StringBuilder();
    if (json) {
      b.append("{\"ts\":\"").append(Instant.now()).append("\",\"level\":\"").append(level).append("\",\"msg\":")
          .append(jsonString(msg));
      for (int i = 0; i + 1 < kv.length; i += 2) {
        b.append(",\"").append(kv[i]).append("\":").append(jsonString(kv[i + 1]));
      }
      b.append('}');
    } else {
      b.append("ts=").append(Instant.now()).append(" level=").append(level).append(" msg=").append(quote(msg));
      for (int i = 0; i + 1 < kv.length; i += 2) {
        b.append(' ').append(kv[i]).append('=').append(quote(kv[i + 1]));
      }
    }
    synchronized (out) {
      out.println(b);
    }
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:\\-\\[\\]]+") ? s
        : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
