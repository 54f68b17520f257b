package io.netprobe.dns.internal;

import java.security.SecureRandom;

/** Unpredictable 16-bit message ids (RFC 5452). Thread-safe. */
final class QueryIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private QueryIds() {}

  static int next() {
    return RANDOM.nextInt(65536);
  }
}
