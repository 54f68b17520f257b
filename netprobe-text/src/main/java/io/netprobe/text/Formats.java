package io.netprobe.text;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The small pieces every tool's text shares: addresses, milliseconds, failures. Stateless; thread-safe. */
final class Formats {
  private Formats() {}

  /** An address as the classic tools print it: IPv6 compressed ({@code ::1}), with its zone ({@code fe80::1%eth0}). */
  static String address(InetAddress a) {
    return Host.of(a).ascii();
  }

  /** A socket address's host: the address as {@link #address} prints it, or the name when it was never resolved. */
  static String host(InetSocketAddress s) {
    return s.getAddress() == null ? s.getHostString() : address(s.getAddress());
  }

  static String addresses(List<InetAddress> addresses) {
    return addresses.stream().map(Formats::address).collect(Collectors.joining(", "));
  }

  /** Milliseconds with three decimals, as ping and traceroute print round trips: {@code 0.042}. */
  static String ms(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
  }

  /** Milliseconds with one decimal and the unit, as the summaries print them: {@code 1.5 ms}. */
  static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  static String failure(ProbeFailure f) {
    return f.kind() + ": " + f.message();
  }
}
