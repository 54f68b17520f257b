package io.netprobe.cli;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -4}/{@code -6} as ping, traceroute and mtr have them, and {@code --prefer ip4|ip6} for blackbox's
 * preferred_ip_protocol with fallback. A picocli mixin; not thread-safe.
 */
final class IpFamilyOptions {
  @Option(names = "-4", description = "Use IPv4 only.")
  boolean ipv4;

  @Option(names = "-6", description = "Use IPv6 only.")
  boolean ipv6;

  @Option(names = "--prefer", paramLabel = "ip4|ip6", description = "Prefer this protocol, falling back to the other "
      + "(blackbox's preferred_ip_protocol with ip_protocol_fallback).")
  String prefer;

  /** The preference the flags ask for, if any. */
  Optional<IpPreference> preference() {
    if ((ipv4 ? 1 : 0) + (ipv6 ? 1 : 0) + (prefer != null ? 1 : 0) > 1) {
      throw new IllegalArgumentException("-4, -6 and --prefer exclude each other");
    }
    if (ipv4 || ipv6) {
      return Optional.of(IpPreference.only(ipv4 ? IpProtocol.IP4 : IpProtocol.IP6));
    }
    return prefer == null ? Optional.empty() : Optional.of(IpPreference.prefer(IpProtocol.parse(prefer)));
  }

  /** The address a header line names for {@code target}: the one the preference chooses, as the probe will. */
  Optional<InetAddress> headerAddress(Host target) {
    Optional<IpPreference> p = preference();
    List<InetAddress> all;
    if (target.literal().isPresent()) {
      all = List.of(target.literal().get());
    } else {
      try {
        all = p.isEmpty() ? List.of(InetAddress.getByName(target.ascii()))
            : Arrays.asList(InetAddress.getAllByName(target.ascii()));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return p.isEmpty() ? Optional.of(all.get(0)) : p.get().choose(all);
  }
}
