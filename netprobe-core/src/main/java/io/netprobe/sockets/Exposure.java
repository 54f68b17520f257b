package io.netprobe.sockets;

/**
 * Who can reach a listening socket, judged from its local address — the seed's lesson: {@code 0.0.0.0:8000} accepts
 * connections from anywhere the firewall allows, {@code 127.0.0.1:3306} only from this machine.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Exposure {
  /** Bound to the wildcard address ({@code 0.0.0.0} or {@code ::}) without a device: every interface. */
  ALL_INTERFACES("reachable on every interface (from anywhere the firewall allows)"),
  /** Bound to a loopback address ({@code 127.0.0.0/8} or {@code ::1}): only from this machine. */
  LOOPBACK("reachable only from this machine"),
  /** Bound to one address, or to the wildcard on one device: reachable through that address or device only. */
  SPECIFIC_ADDRESS("reachable only through one address or device");

  private final String description;

  Exposure(String description) {
    this.description = description;
  }

  /** What this exposure means, in one English phrase. */
  public String description() {
    return description;
  }
}
