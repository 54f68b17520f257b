package io.netprobe.icmp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An ICMP error received instead of an echo reply (e.g. {@code From 10.0.0.1 icmp_seq=3 Destination Host
 * Unreachable}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the sequence of the probe it answers
 * @param source who sent the error
 * @param type the ICMP (or ICMPv6) type
 * @param code the ICMP code
 * @param description ping's wording, e.g. "Destination Host Unreachable"
 */
public record IcmpError(int sequence, InetAddress source, int type, int code, String description) {
  public IcmpError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(description, "description");
  }
}
