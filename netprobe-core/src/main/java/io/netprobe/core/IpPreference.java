package io.netprobe.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which address of a resolved name a probe connects to, with blackbox_exporter's semantics of
 * {@code preferred_ip_protocol} and {@code ip_protocol_fallback}: one address, one attempt, no happy eyeballs. The
 * first address of the preferred protocol; when there is none, with fallback the <em>last</em> address of the other
 * protocol, without fallback nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param preferred the protocol to use when the name has addresses of it
 * @param fallback whether to use the other protocol when the name has none of the preferred one
 */
public record IpPreference(IpProtocol preferred, boolean fallback) {

  public IpPreference {
    Objects.requireNonNull(preferred, "preferred");
  }

  /** Only {@code protocol}, no fallback. */
  public static IpPreference only(IpProtocol protocol) {
    return new IpPreference(protocol, false);
  }

  /** {@code protocol} first, the other one when there is none ({@code ip_protocol_fallback: true}). */
  public static IpPreference prefer(IpProtocol protocol) {
    return new IpPreference(protocol, true);
  }

  /** The address to connect to among {@code addresses} (in resolver order); empty when none qualifies. */
  public Optional<InetAddress> choose(List<InetAddress> addresses) {
    for (InetAddress a : addresses) {
      if (IpProtocol.of(a) == preferred) {
        return Optional.of(a);
      }
    }
    if (!fallback) {
      return Optional.empty();
    }
    InetAddress last = null;
    for (InetAddress a : addresses) {
      if (IpProtocol.of(a) != preferred) {
        last = a;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Why {@link #choose} found nothing among {@code addresses} of {@code host}, for a NAME_NOT_FOUND failure. */
  public String noAddressMessage(String host, List<InetAddress> addresses) {
    return host + " has no " + (preferred == IpProtocol.IP4 ? "IPv4" : "IPv6") + " address"
        + (fallback ? " and no " + (preferred == IpProtocol.IP4 ? "IPv6" : "IPv4") + " address either"
            : " (no fallback to " + preferred.other().name().toLowerCase(java.util.Locale.ROOT) + "; it resolved to "
                + addresses.size() + " other address(es))");
  }
}
