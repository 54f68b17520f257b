package io.netprobe.internal.diagnose;

import io.netprobe.Host;
import java.net.InetAddress;
import java.util.List;

/**
 * Cloudflare's published address ranges (https://www.cloudflare.com/ips-v4 and ips-v6, as of 2026-09-29), to tell
 * whether a name resolves to Cloudflare's edge — the seed's "orange cloud" check. Immutable; thread-safe.
 */
final class CdnRanges {
  /** When the ranges below were copied from Cloudflare's list. */
  static final String CLOUDFLARE_AS_OF = "2026-09";

  private static final List<Cidr> CLOUDFLARE = List.of(
      "173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22", "141.101.64.0/18",
      "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20", "197.234.240.0/22", "198.41.128.0/17",
      "162.158.0.0/15", "104.16.0.0/13", "104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
      "2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32", "2405:8100::/32",
      "2a06:98c0::/29", "2c0f:f248::/32").stream().map(Cidr::parse).toList();

  private CdnRanges() {}

  static boolean isCloudflare(InetAddress address) {
    for (Cidr c : CLOUDFLARE) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An address block. */
  record Cidr(byte[] network, int prefixLength) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      InetAddress base = Host.of(text.substring(0, slash)).literal().orElseThrow();
      return new Cidr(base.getAddress(), Integer.parseInt(text.substring(slash + 1)));
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }
  }
}
