package io.netprobe.exporter.internal.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --probe.allowed-targets}: the hosts {@code /probe} may reach, so the exporter is not an open proxy. An
 * entry is {@code host} or {@code host:port} ({@code [v6]:port}); a target is allowed when its host equals an entry's
 * (case-insensitive, as written: {@code localhost} does not allow {@code 127.0.0.1}) and the port matches when the
 * entry has one. Empty: every target is allowed. Immutable and thread-safe.
 */
final class TargetAllowList {
  private record Entry(String host, int port) {}

  private final List<Entry> entries;

  private TargetAllowList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static TargetAllowList parse(String list) {
    List<Entry> out = new ArrayList<>();
    for (String raw : list.split(",")) {
      String item = raw.trim();
      if (!item.isEmpty()) {
        String[] hp = hostPort(item);
        out.add(new Entry(hp[0], hp[1].isEmpty() ? -1 : Integer.parseInt(hp[1])));
      }
    }
    return new TargetAllowList(out);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether {@code target} (a URL, {@code host:port} or a host) may be probed. */
  boolean allows(String target) {
    if (entries.isEmpty()) {
      return true;
    }
    String host;
    int port;
    if (target.contains("://")) {
      URI u = URI.create(target.trim());
      host = u.getHost() == null ? "" : u.getHost().replaceAll("^\\[|\\]$", "");
      port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    } else {
      String[] hp = hostPort(target.trim());
      host = hp[0];
      port = hp[1].isEmpty() ? -1 : Integer.parseInt(hp[1]);
    }
    String h = host.toLowerCase(Locale.ROOT);
    return entries.stream().anyMatch(e -> e.host().equals(h) && (e.port() < 0 || e.port() == port));
  }

  private static String[] hostPort(String s) {
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      String port = close + 1 < s.length() && s.charAt(close + 1) == ':' ? s.substring(close + 2) : "";
      return new String[] {s.substring(1, close).toLowerCase(Locale.ROOT), digits(port, s)};
    }
    int colon = s.lastIndexOf(':');
    if (colon > 0 && s.indexOf(':') == colon) {
      return new String[] {s.substring(0, colon).toLowerCase(Locale.ROOT), digits(s.substring(colon + 1), s)};
    }
    return new String[] {s.toLowerCase(Locale.ROOT), ""};
  }

  private static String digits(String port, String entry) {
    if (!port.isEmpty() && !port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("allowed target \"" + entry + "\" has a bad port");
    }
    return port;
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
