package io.netprobe.sockets.internal.table;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.SocketOwner;
import io.netprobe.spi.SocketTableBackend;
import java.util.stream.Collectors;

/**
 * Lists the listening sockets from a child JVM, so tests can run a listing inside a network namespace, another PID
 * namespace or as another user. Argument: {@code netlink} or {@code procfs}. Prints one {@link #line} per socket,
 * then {@code source <source>} (or {@code failure <kind> <message>}).
 */
public final class ListingMain {
  private ListingMain() {}

  public static void main(String[] args) {
    SocketTableBackend backend = args.length > 0 && args[0].equals("procfs") ? new ProcfsSocketTableBackend()
        : new NetlinkSocketTableBackend();
    ProbeClient client = Probes.builder().backend(backend).build();
    ListeningSocketsResult r = client.listeningSockets().run();
    r.sockets().forEach(s -> System.out.println(line(s)));
    System.out.println(r.failure().map(f -> "failure " + f.kind() + " " + f.message())
        .orElse("source " + r.source().orElse("?")));
  }

  /** {@code tcp 127.0.0.1 8000 LOOPBACK ino=123 owners=812:python3:3,813:python3:3 reason=-}. */
  static String line(ListeningSocket s) {
    String owners = s.owners().stream().map(o -> o.pid() + ":" + o.name() + ":" + o.fd())
        .collect(Collectors.joining(","));
    return s.protocol().name().toLowerCase(java.util.Locale.ROOT) + " " + s.address().getHostAddress() + " "
        + s.port() + " " + s.exposure() + " ino=" + s.inode() + " owners=" + (owners.isEmpty() ? "-" : owners)
        + " reason=" + s.ownersUnknownKind().map(Enum::name).orElse("-");
  }

  /** Parses the owners field of a {@link #line}. */
  static java.util.List<SocketOwner> owners(String line) {
    String field = line.replaceAll(".* owners=(\\S+) .*", "$1");
    if (field.equals("-")) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(field.split(",")).map(o -> o.split(":"))
        .map(p -> new SocketOwner(Long.parseLong(p[0]), p[1], Integer.parseInt(p[2]))).toList();
  }
}
