package io.netprobe.sockets.internal.icmp;

import io.netprobe.FailureKind;
import io.netprobe.sockets.internal.libc.LibC;

/**
 * ICMP error types and codes in ping's and traceroute's words: the description ping prints, the failure kind, and
 * traceroute's annotation ({@code !H !N !P !X}). Pure functions; thread-safe.
 */
final class IcmpErrors {
  private IcmpErrors() {}

  /** Ping's wording, e.g. "Destination Host Unreachable"; for local errors ({@code type} -1) the errno. */
  static String describe(boolean v6, int type, int code) {
    if (type < 0) {
      return "local error: " + LibC.describe(code);
    }
    return v6 ? describeV6(type, code) : describeV4(type, code);
  }

  private static String describeV4(int type, int code) {
    switch (type) {
      case 3:
        switch (code) {
          case 0: return "Destination Net Unreachable";
          case 1: return "Destination Host Unreachable";
          case 2: return "Destination Protocol Unreachable";
          case 3: return "Destination Port Unreachable";
          case 4: return "Frag needed and DF set";
          case 5: return "Source Route Failed";
          case 6: return "Destination Net Unknown";
          case 7: return "Destination Host Unknown";
          case 9: return "Destination Net Prohibited";
          case 10: return "Destination Host Prohibited";
          case 13: return "Packet filtered";
          default: return "Dest Unreachable, Bad Code: " + code;
        }
      case 11:
        return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
      case 12:
        return "Parameter problem";
      case 5:
        return "Redirect";
      case 4:
        return "Source Quench";
      default:
        return "ICMP type " + type + " code " + code;
    }
  }

  private static String describeV6(int type, int code) {
    switch (type) {
      case 1:
        switch (code) {
          case 0: return "Destination unreachable: No route";
          case 1: return "Destination unreachable: Administratively prohibited";
          case 2: return "Destination unreachable: Beyond scope of source address";
          case 3: return "Destination unreachable: Address unreachable";
          case 4: return "Destination unreachable: Port unreachable";
          case 5: return "Destination unreachable: Source address failed ingress/egress policy";
          case 6: return "Destination unreachable: Reject route to destination";
          default: return "Destination unreachable: Unknown code " + code;
        }
      case 2:
        return "Packet too big";
      case 3:
        return code == 0 ? "Time exceeded: Hop limit" : "Time exceeded: Defrag";
      case 4:
        return "Parameter problem";
      default:
        return "ICMPv6 type " + type + " code " + code;
    }
  }

  /** The failure kind of a ping that got only this error. */
  static FailureKind kind(boolean v6, int type, int code) {
    if (type < 0) {
      return code == LibC.ENETUNREACH ? FailureKind.NETWORK_UNREACHABLE
          : code == LibC.EACCES || code == LibC.EPERM ? FailureKind.PERMISSION_DENIED
          : code == LibC.EHOSTUNREACH ? FailureKind.HOST_UNREACHABLE : FailureKind.NETWORK_ERROR;
    }
    boolean unreachable = v6 ? type == 1 : type == 3;
    boolean netUnreachable = unreachable && (v6 ? code == 0 : code == 0 || code == 6 || code == 9);
    if (netUnreachable) {
      return FailureKind.NETWORK_UNREACHABLE;
    }
    if (unreachable || (v6 ? type == 3 : type == 11)) {
      return FailureKind.HOST_UNREACHABLE;
    }
    return FailureKind.NETWORK_ERROR;
  }

  /** Whether the answer means the probe reached the destination (UDP port unreachable, or an echo reply). */
  static boolean isPortUnreachable(boolean v6, int type, int code) {
    return v6 ? type == 1 && code == 4 : type == 3 && code == 3;
  }

  /** Whether the answer is a time-exceeded message from a router on the way. */
  static boolean isTimeExceeded(boolean v6, int type) {
    return v6 ? type == 3 : type == 11;
  }

  /**
   * Traceroute's annotation for a destination-unreachable answer: {@code !N} network, {@code !H} host, {@code !P}
   * protocol, {@code !X} administratively prohibited, {@code !F} fragmentation needed, {@code !S} source route
   * failed, {@code !<code>} otherwise; empty for time exceeded, echo replies and port unreachable.
   */
  static String annotation(boolean v6, int type, int code) {
    if (v6) {
      if (type != 1 || code == 4) {
        return "";
      }
      switch (code) {
        case 0: return "!N";
        case 1: return "!X";
        case 3: return "!H";
        default: return "!" + code;
      }
    }
    if (type != 3 || code == 3) {
      return "";
    }
    switch (code) {
      case 0: case 6: return "!N";
      case 1: case 7: return "!H";
      case 2: return "!P";
      case 4: return "!F";
      case 5: return "!S";
      case 9: case 10: case 13: return "!X";
      default: return "!" + code;
    }
  }
}
