package io.netprobe.examples.health;

import io.netprobe.core.Host;
import io.netprobe.health.config.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The hosts {@code /probe} may be pointed at, so the service is not an open proxy. An entry is a host name or IP
 * literal, optionally with a port ({@code 127.0.0.1}, {@code localhost:8080}, {@code [::1]:53}); a target is allowed
 * when its host equals an entry's host (compared in lower-case ASCII) and, if the entry has a port, its port matches
 * too. Names are compared as written: {@code localhost} does not allow {@code 127.0.0.1}.
 *
 * <p>Immutable and thread-safe.
 */
final class TargetAllowList {
  private record Entry(String host, OptionalInt port) {}

  private final List<Entry> entries;

  private TargetAllowList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses a comma-separated list.
   *
   * @throws IllegalArgumentException for an entry that is not {@code host} or {@code host:port}
   */
  static TargetAllowList parse(String list) {
    List<Entry> out = new ArrayList<>();
    for (String raw : list.split(",")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      HostPort hp = HostPort.parse("allowed target", item);
      out.add(new Entry(hp.host().ascii(), hp.port()));
    }
    return new TargetAllowList(out);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether a probe of {@code host} on {@code port} is allowed. */
  boolean allows(Host host, int port) {
    for (Entry e : entries) {
      if (e.host().equals(host.ascii()) && (e.port().isEmpty() || e.port().getAsInt() == port)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return entries.stream().map(e -> e.host() + (e.port().isPresent() ? ":" + e.port().getAsInt() : "")).toList()
        .toString();
  }
}
