package io.netprobe.exporter.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The probers a module can name: blackbox's five, then netprobe's own. */
public enum Prober {
  HTTP, TCP, ICMP, DNS, GRPC,
  /** netprobe: several echo requests, with loss and jitter. */
  PING,
  /** netprobe: the hops to the target. */
  TRACEROUTE,
  /** netprobe: the layer-by-layer diagnosis of a URL, its verdict as metrics. */
  DIAGNOSE,
  /** netprobe: whether something listens on a port of this machine. */
  SOCKETS,
  /** netprobe: mtr's per-hop loss and round-trip statistics over several flow-stable cycles. */
  MTR;

  /** The name written in blackbox.yml. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isBlackbox() {
    return ordinal() <= GRPC.ordinal();
  }

  static Optional<Prober> named(String name) {
    return Arrays.stream(values()).filter(p -> p.configName().equals(name)).findFirst();
  }
}
