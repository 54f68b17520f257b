package io.netprobe.testing;

import io.netprobe.core.Host;
import java.net.InetAddress;

/** Address helpers for fakes. Stateless; thread-safe. */
final class FakeAddresses {
  private FakeAddresses() {}

  /** Parses an IP literal without any lookup. */
  static InetAddress parse(String literal) {
    return Host.of(literal).literal().orElseThrow(() ->
        new IllegalArgumentException("not an IP literal: " + literal));
  }
}
