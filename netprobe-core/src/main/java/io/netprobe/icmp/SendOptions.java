package io.netprobe.icmp;

import io.netprobe.core.IpPreference;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How echo requests leave this machine, beyond TTL and payload size: don't-fragment ({@code ping -M do}) and the
 * source address or interface ({@code ping -I ADDR|IFACE}). Immutable and thread-safe.
 *
 * @param dontFragment set the IP don't-fragment bit and never fragment locally (IP_MTU_DISCOVER =
 *     IP_PMTUDISC_DO): an echo larger than the path MTU fails with "message too long" and the MTU
 * @param sourceAddress the address to send from; it must be one of this machine's and of the target's family
 * @param sourceInterface the interface to send through (SO_BINDTODEVICE)
 * @param ipPreference which address of a resolved name to ping ({@code ping -4}/{@code -6}, blackbox's
 *     {@code preferred_ip_protocol} with {@code ip_protocol_fallback}); empty: the resolver's first
 */
public record SendOptions(boolean dontFragment, Optional<InetAddress> sourceAddress,
    Optional<String> sourceInterface, Optional<IpPreference> ipPreference) {
  /** The kernel's choices: fragmentation allowed, source address and interface from the routing table. */
  public static final SendOptions DEFAULT = new SendOptions(false, Optional.empty(), Optional.empty(),
      Optional.empty());
  /** Linux IFNAMSIZ (16) less the terminating NUL. */
  public static final int MAX_INTERFACE_NAME = 15;

  /**
   * @throws IllegalArgumentException when the interface name is empty, longer than 15 characters, or contains a
   *     slash, whitespace or a control character (Linux refuses those names)
   */
  /** Options without an IP preference. */
  public SendOptions(boolean dontFragment, Optional<InetAddress> sourceAddress, Optional<String> sourceInterface) {
    this(dontFragment, sourceAddress, sourceInterface, Optional.empty());
  }

  public SendOptions {
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(sourceInterface, "sourceInterface");
    sourceInterface.ifPresent(SendOptions::checkInterfaceName);
  }

  public SendOptions withDontFragment(boolean dontFragment) {
    return new SendOptions(dontFragment, sourceAddress, sourceInterface, ipPreference);
  }

  public SendOptions withSourceAddress(Optional<InetAddress> sourceAddress) {
    return new SendOptions(dontFragment, sourceAddress, sourceInterface, ipPreference);
  }

  public SendOptions withSourceInterface(Optional<String> sourceInterface) {
    return new SendOptions(dontFragment, sourceAddress, sourceInterface, ipPreference);
  }

  public SendOptions withIpPreference(Optional<IpPreference> ipPreference) {
    return new SendOptions(dontFragment, sourceAddress, sourceInterface, ipPreference);
  }

  /** Whether these are the kernel's choices ({@link #DEFAULT}). */
  public boolean isDefault() {
    return equals(DEFAULT);
  }

  private static void checkInterfaceName(String name) {
    String rule = null;
    if (name.isEmpty()) {
      rule = "must not be empty";
    } else if (name.length() > MAX_INTERFACE_NAME) {
      rule = "must be at most " + MAX_INTERFACE_NAME + " characters";
    } else {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c) || c > 0x7e) {
          rule = "must not contain '/', ':', whitespace, control or non-ASCII characters";
          break;
        }
      }
    }
    if (rule != null) {
      throw new IllegalArgumentException("interface name \"" + escape(name) + "\" " + rule);
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
