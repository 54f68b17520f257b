package io.netprobe.text;

import io.netprobe.core.Host;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * iputils {@code ping}'s text for a {@link PingResult} and {@code fping}'s for a {@link PingSweepResult}, line by
 * line for output that follows replies as they arrive, and the one-line summaries. Stateless; thread-safe.
 */
public final class PingText {
  private PingText() {}

  /**
   * ping's whole output: the first line (when the host resolved), every reply line, every ICMP error line, then the
   * statistics block with netprobe's failure reason last.
   */
  public static String render(PingResult r) {
    StringBuilder sb = new StringBuilder();
    r.address().ifPresent(a -> sb.append(headerLine(r.spec().host(), a, r.spec().payloadSize())).append('\n'));
    boolean tcp = isTcp(r);
    for (PingReply reply : r.replies()) {
      sb.append(tcp ? tcpReplyLine(reply) : replyLine(reply, r.spec().host(), r.address())).append('\n');
    }
    r.errors().forEach(e -> sb.append(errorLine(e)).append('\n'));
    return sb.append(statistics(r)).toString();
  }

  /** fping's output: one {@link #sweepLine} per host, in the order given. */
  public static String render(PingSweepResult r) {
    return r.results().stream().map(p -> sweepLine(p) + "\n").collect(Collectors.joining());
  }

  /** iputils' first line: {@code PING host (addr) 56(84) bytes of data.}, or its IPv6 form. */
  public static String headerLine(Host target, InetAddress address, int payloadSize) {
    if (address instanceof Inet6Address) {
      return String.format(Locale.ROOT, "PING %s(%s) %d data bytes", target.ascii(), Formats.address(address),
          payloadSize);
    }
    return String.format(Locale.ROOT, "PING %s (%s) %d(%d) bytes of data.", target.ascii(), Formats.address(address),
        payloadSize, payloadSize + 28);
  }

  /**
   * One reply as iputils prints it. A reply from the address a name resolved to is shown as {@code name (addr)},
   * the way ping shows it when the reverse name matches, without a reverse lookup.
   */
  public static String replyLine(PingReply reply, Host target, Optional<InetAddress> address) {
    String from = Formats.address(reply.source());
    if (!target.isLiteral() && address.filter(a -> a.equals(reply.source())).isPresent()) {
      from = target.ascii() + " (" + from + ")";
    }
    return String.format(Locale.ROOT, "%d bytes from %s: icmp_seq=%d ttl=%d time=%s ms%s", reply.size(), from,
        reply.sequence(), reply.ttl(), Formats.ms(reply.rtt()), reply.duplicate() ? " (DUP!)" : "");
  }

  /** A reply of the TCP-connect fallback: {@code tcp connect to 192.0.2.1: seq=1 time=0.412 ms}. */
  public static String tcpReplyLine(PingReply reply) {
    return String.format(Locale.ROOT, "tcp connect to %s: seq=%d time=%s ms%s", Formats.address(reply.source()),
        reply.sequence(), Formats.ms(reply.rtt()), reply.duplicate() ? " (DUP!)" : "");
  }

  /** An ICMP error as iputils prints it: {@code From 10.0.0.1 icmp_seq=2 Destination Host Unreachable}. */
  public static String errorLine(IcmpError e) {
    return String.format(Locale.ROOT, "From %s icmp_seq=%d %s", Formats.address(e.source()), e.sequence(),
        e.description());
  }

  /**
   * iputils' statistics block (a blank line, {@code --- host ping statistics ---}, counts and loss, round trips),
   * a note when the replies are TCP connects, and netprobe's failure reason last.
   */
  public static String statistics(PingResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append('\n').append("--- ").append(r.spec().host().ascii()).append(" ping statistics ---\n");
    sb.append(String.format(Locale.ROOT, "%d packets transmitted, %d received,%s%s %s%% packet loss, time %dms\n",
        r.transmitted(), r.received(), r.duplicates() > 0 ? " +" + r.duplicates() + " duplicates," : "",
        r.errors().isEmpty() ? "" : " +" + r.errors().size() + " errors,", percent(r.lossPercent()),
        r.elapsed().toMillis()));
    if (r.received() > 0) {
      sb.append(String.format(Locale.ROOT, "rtt min/avg/max/mdev = %s/%s/%s/%s ms\n",
          Formats.ms(r.statistics().min()), Formats.ms(r.statistics().avg()), Formats.ms(r.statistics().max()),
          Formats.ms(r.statistics().mdev())));
    }
    if (isTcp(r)) {
      String target = r.address().map(Formats::address).orElse(r.spec().host().ascii());
      sb.append("(ICMP was not permitted: these are TCP connects to ").append(target).append(", not pings)\n");
    }
    r.failure().ifPresent(f -> sb.append("ping: ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  /** Loss as iputils prints it with C's {@code %g}: six significant digits, no trailing zeros ({@code 33.3333}). */
  public static String percent(double loss) {
    if (loss == Math.rint(loss)) {
      return String.format(Locale.ROOT, "%.0f", loss);
    }
    return String.format(Locale.ROOT, "%g", loss).replaceAll("0+$", "");
  }

  /** fping's verdict on one host: {@code 127.0.0.1 is alive} or {@code … is unreachable}. */
  public static String sweepLine(PingResult r) {
    return r.spec().host().ascii() + (r.received() > 0 ? " is alive" : " is unreachable");
  }

  /**
   * One line: {@code 4 transmitted, 4 received, 0% packet loss, rtt min/avg/max 0.031/0.042/0.060 ms}, marked when
   * the replies are TCP connects, with the failure when there is one.
   */
  public static String summary(PingResult r) {
    String tcp = isTcp(r) ? " (TCP connect, not ICMP)" : "";
    String counts = String.format(Locale.ROOT, "%d transmitted, %d received, %.0f%% packet loss", r.transmitted(),
        r.received(), r.lossPercent());
    if (r.failure().isPresent()) {
      return counts + tcp + " — " + Formats.failure(r.failure().get());
    }
    return counts + ", rtt min/avg/max " + String.format(Locale.ROOT, "%.3f/%.3f/%.3f ms",
        r.statistics().min().toNanos() / 1e6, r.statistics().avg().toNanos() / 1e6,
        r.statistics().max().toNanos() / 1e6) + tcp;
  }

  /**
   * One line: {@code 3 hosts, 2 alive, 1 unreachable (192.0.2.9)}, or the reason the sweep could not run.
   */
  public static String summary(PingSweepResult r) {
    if (r.failure().isPresent()) {
      return Formats.failure(r.failure().get());
    }
    List<PingResult> down = r.unreachable();
    String hosts = r.results().size() + (r.results().size() == 1 ? " host, " : " hosts, ") + r.alive().size()
        + " alive";
    if (down.isEmpty()) {
      return hosts;
    }
    return hosts + ", " + down.size() + " unreachable ("
        + down.stream().map(p -> p.spec().host().ascii()).collect(Collectors.joining(", ")) + ")";
  }

  private static boolean isTcp(PingResult r) {
    return r.method().filter(m -> m == PingMethod.TCP_CONNECT).isPresent();
  }
}
