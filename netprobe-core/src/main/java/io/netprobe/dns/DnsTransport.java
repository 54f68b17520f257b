package io.netprobe.dns;

/** How a DNS query travelled. Immutable enum; thread-safe. */
public enum DnsTransport {
  UDP,
  TCP
}
