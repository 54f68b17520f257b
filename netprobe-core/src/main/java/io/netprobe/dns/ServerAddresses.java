package io.netprobe.dns;

import io.netprobe.core.Host;
import io.netprobe.internal.Validate;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers {@link DnsRequest#server(String, int)} named lately, parsed once: a monitor that asks the same server in
 * every request would otherwise keep a parsed address (four objects) and a list of it alive per lookup in flight,
 * tens of thousands at once, and each young collection copies them. A value is one server as a list (an address or,
 * for a name, an unresolved one), immutable like what it replaces; the key is the exact text and port, so two
 * spellings of one address are two entries. Bounded: emptied when full. Thread-safe.
 */
final class ServerAddresses {
  static final int MAX = 256;
  private static final ConcurrentHashMap<Key, List<InetSocketAddress>> PARSED = new ConcurrentHashMap<>();

  private record Key(String server, int port) {}

  private ServerAddresses() {}

  /**
   * {@code server} on {@code port} as a one-element list, parsed now or earlier.
   *
   * @throws IllegalArgumentException for an invalid address or name, or a port outside 1–65535 (never cached)
   */
  static List<InetSocketAddress> of(String server, int port) {
    Key key = new Key(server, port);
    List<InetSocketAddress> known = PARSED.get(key);
    if (known != null) {
      return known;
    }
    Host host = Host.of(server);
    Validate.port("DNS server port", port);
    List<InetSocketAddress> parsed = List.of(host.literal().map(a -> new InetSocketAddress(a, port))
        .orElseGet(() -> InetSocketAddress.createUnresolved(host.ascii(), port)));
    if (PARSED.size() >= MAX) {
      PARSED.clear(); // many servers named once each: no cache is better than an unbounded one
    }
    List<InetSocketAddress> raced = PARSED.putIfAbsent(key, parsed);
    return raced != null ? raced : parsed;
  }

  /** Entries now (for tests). */
  static int size() {
    return PARSED.size();
  }
}
