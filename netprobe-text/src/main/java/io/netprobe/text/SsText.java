package io.netprobe.text;

import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TransportProtocol;
import java.net.Inet6Address;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ss -tulnp}'s text for a {@link ListeningSocketsResult}: ss's table with netprobe's exposure column, and the
 * one-line summaries of a listing and of one socket. Stateless; thread-safe.
 */
public final class SsText {
  private static final String ROW = "%-5s %-6s %6s %6s %28s %-18s %-9s%s\n";

  private SsText() {}

  /**
   * ss's table, with the Process column when the listing asked for owners ({@code -p}); for a listing that failed,
   * the failure on one line ({@code netprobe ss: PERMISSION_DENIED: …}).
   */
  public static String render(ListeningSocketsResult r) {
    if (r.failure().isPresent()) {
      return "netprobe ss: " + Formats.failure(r.failure().get()) + "\n";
    }
    return render(r, r.query().owners());
  }

  /** ss's table of the sockets listed, with or without the Process column. */
  public static String render(ListeningSocketsResult r, boolean processes) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, ROW, "Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port",
        " Peer Address:Port", "Exposure", processes ? " Process" : ""));
    for (ListeningSocket s : r.sockets()) {
      boolean v6 = s.address() instanceof Inet6Address;
      // an IPv6 socket bound to an IPv4-mapped address: ss prints [::ffff:127.0.0.1]
      boolean mapped = !v6 && s.family() == AddressFamily.IPV6;
      // ss's one clue that a :: socket also accepts IPv4 (IPV6_V6ONLY off): it prints the wildcard as *
      boolean dualStack = v6 && s.address().isAnyLocalAddress() && s.v6Only().filter(only -> !only).isPresent();
      String host = dualStack ? "*" : v6 ? "[" + Formats.address(s.address()) + "]"
          : mapped ? "[::ffff:" + Formats.address(s.address()) + "]" : Formats.address(s.address());
      String local = host + s.boundDevice().map(d -> "%" + d).orElse("") + ":" + s.port();
      String peer = dualStack ? "*:*" : v6 || mapped ? "[::]:*" : "0.0.0.0:*";
      String owners = s.owners().isEmpty() ? "" : " users:(" + s.owners().stream()
          .map(o -> "(\"" + o.name() + "\",pid=" + o.pid() + ",fd=" + o.fd() + ")").collect(Collectors.joining(","))
          + ")";
      boolean tcp = s.protocol() == TransportProtocol.TCP;
      sb.append(String.format(Locale.ROOT, ROW, tcp ? "tcp" : "udp", tcp ? "LISTEN" : "UNCONN",
          s.receiveQueue(), s.sendQueue(), local, " " + peer, exposure(s.exposure()), processes ? owners : ""));
    }
    return sb.toString();
  }

  /**
   * One line: {@code no listening sockets}, or how many and each one's {@link #summary(ListeningSocket)},
   * separated by {@code ; }; the failure when the listing failed.
   */
  public static String summary(ListeningSocketsResult r) {
    if (r.failure().isPresent()) {
      return Formats.failure(r.failure().get());
    }
    int n = r.sockets().size();
    if (n == 0) {
      return "no listening sockets";
    }
    return n + (n == 1 ? " listening socket: " : " listening sockets: ")
        + r.sockets().stream().map(SsText::summary).collect(Collectors.joining("; "));
  }

  /**
   * One socket: {@code tcp 127.0.0.1:8000 python3(pid=4242): reachable only from this machine}.
   */
  public static String summary(ListeningSocket s) {
    String owners = s.owners().isEmpty() ? "" : " " + s.owners().stream()
        .map(o -> o.name() + "(pid=" + o.pid() + ")").distinct().collect(Collectors.joining(","));
    String host = s.address() instanceof Inet6Address ? "[" + Formats.address(s.address()) + "]"
        : Formats.address(s.address());
    return s.protocol().name().toLowerCase(Locale.ROOT) + " " + host + ":" + s.port() + owners + ": "
        + s.exposure().description();
  }

  private static String exposure(Exposure e) {
    return switch (e) {
      case ALL_INTERFACES -> "anywhere";
      case LOOPBACK -> "local";
      case SPECIFIC_ADDRESS -> "one-addr";
    };
  }
}
