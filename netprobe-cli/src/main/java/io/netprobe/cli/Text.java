package io.netprobe.cli;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpHop;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The classic tools' text formats for netprobe results. Stateless; thread-safe. */
final class Text {
  private Text() {}

  /**
   * Seconds as given on the command line.
   *
   * @throws IllegalArgumentException when not positive or over an hour
   */
  static Duration seconds(double seconds) {
    if (!(seconds > 0) || seconds > 3600) {
      throw new IllegalArgumentException("seconds must be between 0 and 3600, was " + seconds);
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
  }

  /** An address as the classic tools print it: IPv6 compressed ({@code ::1}), without a zone. */
  static String address(InetAddress a) {
    return Host.of(a).ascii().replaceAll("%.*$", "");
  }

  static String failure(ProbeFailure f) {
    return f.kind() + ": " + f.message();
  }

  // ---- ping ---------------------------------------------------------------------------------------------------

  /** iputils' first line: {@code PING host (addr) 56(84) bytes of data.}, or its IPv6 form. */
  static String pingHeader(Host target, InetAddress address, int payloadSize) {
    if (address instanceof Inet6Address) {
      return String.format(Locale.ROOT, "PING %s(%s) %d data bytes", target.ascii(), address(address), payloadSize);
    }
    return String.format(Locale.ROOT, "PING %s (%s) %d(%d) bytes of data.", target.ascii(), address(address),
        payloadSize, payloadSize + 28);
  }

  /**
   * One reply as iputils prints it. A reply from the address a name resolved to is shown as {@code name (addr)},
   * the way ping shows it when the reverse name matches, without a reverse lookup.
   */
  static String pingLine(PingReply reply, Host target, Optional<InetAddress> address) {
    String from = address(reply.source());
    if (!target.isLiteral() && address.filter(a -> a.equals(reply.source())).isPresent()) {
      from = target.ascii() + " (" + from + ")";
    }
    return String.format(Locale.ROOT, "%d bytes from %s: icmp_seq=%d ttl=%d time=%s ms%s", reply.size(), from,
        reply.sequence(), reply.ttl(), ms(reply.rtt()), reply.duplicate() ? " (DUP!)" : "");
  }

  static String tcpPingLine(PingReply reply) {
    return String.format(Locale.ROOT, "tcp connect to %s: seq=%d time=%s ms%s", address(reply.source()),
        reply.sequence(), ms(reply.rtt()), reply.duplicate() ? " (DUP!)" : "");
  }

  static String pingErrorLine(IcmpError e) {
    return String.format(Locale.ROOT, "From %s icmp_seq=%d %s", address(e.source()), e.sequence(), e.description());
  }

  /** Every reply and error line, then the summary: the whole of ping's output after its first line. */
  static String ping(PingResult r) {
    StringBuilder sb = new StringBuilder();
    boolean tcp = r.method().filter(m -> m == PingMethod.TCP_CONNECT).isPresent();
    for (PingReply reply : r.replies()) {
      sb.append(tcp ? tcpPingLine(reply) : pingLine(reply, r.spec().host(), r.address())).append('\n');
    }
    r.errors().forEach(e -> sb.append(pingErrorLine(e)).append('\n'));
    return sb.append(pingSummary(r)).toString();
  }

  /** iputils' statistics block ({@code --- host ping statistics ---} …), with netprobe's failure reason last. */
  static String pingSummary(PingResult r) {
    StringBuilder sb = new StringBuilder();
    boolean tcp = r.method().filter(m -> m == PingMethod.TCP_CONNECT).isPresent();
    String target = r.address().map(Text::address).orElse(r.spec().host().ascii());
    sb.append('\n').append("--- ").append(r.spec().host().ascii()).append(" ping statistics ---\n");
    sb.append(String.format(Locale.ROOT, "%d packets transmitted, %d received,%s%s %s%% packet loss, time %dms%n",
        r.transmitted(), r.received(), r.duplicates() > 0 ? " +" + r.duplicates() + " duplicates," : "",
        r.errors().isEmpty() ? "" : " +" + r.errors().size() + " errors,", percent(r.lossPercent()),
        r.elapsed().toMillis()));
    if (r.received() > 0) {
      sb.append(String.format(Locale.ROOT, "rtt min/avg/max/mdev = %s/%s/%s/%s ms%n", ms(r.statistics().min()),
          ms(r.statistics().avg()), ms(r.statistics().max()), ms(r.statistics().mdev())));
    }
    if (tcp) {
      sb.append("(ICMP was not permitted: these are TCP connects to ").append(target).append(", not pings)\n");
    }
    r.failure().ifPresent(f -> sb.append("ping: ").append(failure(f)).append('\n'));
    return sb.toString();
  }

  /** Loss as iputils prints it with C's {@code %g}: six significant digits, no trailing zeros ({@code 33.3333}). */
  static String percent(double loss) {
    if (loss == Math.rint(loss)) {
      return String.format(Locale.ROOT, "%.0f", loss);
    }
    return String.format(Locale.ROOT, "%g", loss).replaceAll("0+$", "");
  }

  /** fping's verdict on one host: {@code 127.0.0.1 is alive} or {@code … is unreachable}. */
  static String fpingLine(PingResult r) {
    return r.spec().host().ascii() + (r.received() > 0 ? " is alive" : " is unreachable");
  }

  // ---- traceroute ---------------------------------------------------------------------------------------------

  /** A hop as {@code traceroute -n} prints it. */
  static String hop(Hop hop) {
    return hop(hop, false);
  }

  /**
   * A hop as traceroute prints it: {@code 3  10.0.0.1  0.412 ms …} with {@code -n}; with names on, the first
   * responder as {@code name (address)}, the address standing in for a name it has none.
   */
  static String hop(Hop hop, boolean names) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%2d ", hop.ttl()));
    InetAddress last = null;
    for (HopProbe p : hop.probes()) {
      if (!p.answered()) {
        sb.append(" *");
        continue;
      }
      InetAddress from = p.from().orElseThrow();
      if (!from.equals(last)) {
        if (names) {
          String name = last == null ? hop.name().orElse(address(from)) : address(from);
          sb.append(' ').append(name).append(" (").append(address(from)).append(')');
        } else {
          sb.append(' ').append(address(from));
        }
        last = from;
      }
      sb.append("  ").append(ms(p.rtt().orElse(Duration.ZERO))).append(" ms");
    }
    hop.annotation().ifPresent(a -> sb.append(' ').append(a));
    return sb.toString();
  }

  // ---- curl -I ------------------------------------------------------------------------------------------------

  static String curlHeaders(HttpProbeResult r) {
    StringBuilder sb = new StringBuilder();
    for (HttpHop hop : r.hops()) {
      sb.append(hop.statusLine()).append('\n');
      for (Map.Entry<String, String> h : hop.headers().entries()) {
        sb.append(h.getKey()).append(": ").append(HttpHeaders.redactedValue(h.getKey(), h.getValue())).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  // ---- dig ----------------------------------------------------------------------------------------------------

  static String dig(DnsResult r, String args) {
    StringBuilder sb = new StringBuilder();
    sb.append("; <<>> netprobe dig <<>> ").append(args).append('\n');
    if (r.header().isEmpty()) {
      // no response at all: dig says why and stops
      return sb.append(";; ").append(r.failure().map(Text::failure).orElse("no response")).append('\n').toString();
    }
    r.header().ifPresent(h -> {
      sb.append(";; ->>HEADER<<- opcode: ").append(h.opcode()).append(", status: ").append(h.rcode())
          .append(", id: ").append(h.id()).append('\n');
      String flags = h.flags().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(" "));
      sb.append(";; flags: ").append(flags).append("; QUERY: 1, ANSWER: ").append(r.answers().size())
          .append(", AUTHORITY: ").append(r.authority().size()).append(", ADDITIONAL: ")
          .append(r.additional().size() + (r.edns().isPresent() ? 1 : 0)).append('\n');
    });
    r.edns().ifPresent(e -> sb.append("\n;; OPT PSEUDOSECTION:\n; EDNS: version: ").append(e.version())
        .append(", flags:").append(e.dnssecOk() ? " do" : "").append("; udp: ").append(e.udpSize()).append('\n'));
    sb.append("\n;; QUESTION SECTION:\n;").append(r.query().absoluteName()).append("\t\tIN\t")
        .append(r.query().type()).append('\n');
    section(sb, "ANSWER", r.answers());
    section(sb, "AUTHORITY", r.authority());
    section(sb, "ADDITIONAL", r.additional());
    sb.append('\n');
    r.queryTime().ifPresent(t -> sb.append(";; Query time: ").append(t.toMillis()).append(" msec\n"));
    r.server().ifPresent(s -> sb.append(";; SERVER: ").append(server(s)).append(r.transport()
        .map(t -> " (" + t + ")").orElse("")).append('\n'));
    r.messageSize().ifPresent(n -> sb.append(";; MSG SIZE  rcvd: ").append(n).append('\n'));
    return sb.append('\n').toString();
  }

  private static String server(InetSocketAddress s) {
    String host = s.getAddress() == null ? s.getHostString() : address(s.getAddress());
    return host + "#" + s.getPort() + "(" + host + ")";
  }

  private static void section(StringBuilder sb, String name, List<DnsAnswer> records) {
    if (records.isEmpty()) {
      return;
    }
    sb.append("\n;; ").append(name).append(" SECTION:\n");
    records.forEach(a -> sb.append(a).append('\n'));
  }

  static String digShort(DnsResult r) {
    return r.answers().stream().map(a -> a.data() + "\n").collect(Collectors.joining());
  }

  static boolean has(DnsResult r, DnsFlag flag) {
    return r.header().map(h -> h.has(flag)).orElse(false);
  }

  // ---- ss -----------------------------------------------------------------------------------------------------

  static String ss(ListeningSocketsResult r, boolean processes) {
    StringBuilder sb = new StringBuilder();
    String format = "%-5s %-6s %6s %6s %28s %-18s %-9s%s%n";
    sb.append(String.format(Locale.ROOT, format, "Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port",
        " Peer Address:Port", "Exposure", processes ? " Process" : ""));
    for (ListeningSocket s : r.sockets()) {
      boolean v6 = s.address() instanceof Inet6Address;
      // an IPv6 socket bound to an IPv4-mapped address: ss prints [::ffff:127.0.0.1]
      boolean mapped = !v6 && s.family() == io.netprobe.sockets.AddressFamily.IPV6;
      String local = (v6 ? "[" + address(s.address()) + "]" : mapped ? "[::ffff:" + address(s.address()) + "]"
          : address(s.address()))
          + s.boundDevice().map(d -> "%" + d).orElse("") + ":" + s.port();
      String peer = v6 || mapped ? "[::]:*" : "0.0.0.0:*";
      String owners = s.owners().isEmpty() ? "" : " users:(" + s.owners().stream()
          .map(o -> "(\"" + o.name() + "\",pid=" + o.pid() + ",fd=" + o.fd() + ")").collect(Collectors.joining(","))
          + ")";
      boolean tcp = s.protocol() == io.netprobe.sockets.TransportProtocol.TCP;
      sb.append(String.format(Locale.ROOT, format, tcp ? "tcp" : "udp", tcp ? "LISTEN" : "UNCONN",
          s.receiveQueue(), s.sendQueue(), local, " " + peer, exposure(s.exposure()), processes ? owners : ""));
    }
    return sb.toString();
  }

  private static String exposure(Exposure e) {
    return switch (e) {
      case ALL_INTERFACES -> "anywhere";
      case LOOPBACK -> "local";
      case SPECIFIC_ADDRESS -> "one-addr";
    };
  }

  // ---- tcp ----------------------------------------------------------------------------------------------------

  static String tcpLine(TcpConnectResult r) {
    String host = r.query().host().ascii();
    if (r.isSuccess()) {
      return "Connection to " + host + " (" + r.address().map(Text::address).orElse(host) + ") " + r.query().port()
          + " port [tcp] succeeded! (" + ms(r.connectTime().orElse(r.elapsed())) + " ms)";
    }
    return "connect to " + host + " port " + r.query().port() + " (tcp) failed: "
        + r.failure().map(Text::failure).orElse("");
  }
}
