package io.netprobe.icmp;

import io.netprobe.core.FailureKind;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * What ICMP and ICMPv6 types and codes mean to ping and traceroute: ping's wording, the failure kind of a ping that
 * got only this error, traceroute's annotation ({@code !H !N !P !X}), and whether an answer ends a trace. Written
 * once here so that every backend and fake reads the wire the same way. Pure functions; thread-safe.
 */
final class IcmpCodes {
  static final int ECHO_REPLY_V4 = 0;
  static final int ECHO_REPLY_V6 = 129;
  /** Linux errno values of a local error (ICMP type -1: the kernel refused to send). */
  static final int EPERM = 1;
  static final int EACCES = 13;
  static final int ENETUNREACH = 101;
  static final int EHOSTUNREACH = 113;

  private IcmpCodes() {}

  static boolean isV6(InetAddress address) {
    return !(address instanceof Inet4Address);
  }

  /** Ping's wording, e.g. "Destination Host Unreachable"; {@code type} must not be negative. */
  static String describe(boolean v6, int type, int code) {
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

  /** The failure kind of a ping that got only this error; {@code type} -1 is a local error with errno {@code code}. */
  static FailureKind kind(boolean v6, int type, int code) {
    if (type < 0) {
      return code == ENETUNREACH ? FailureKind.NETWORK_UNREACHABLE
          : code == EACCES || code == EPERM ? FailureKind.PERMISSION_DENIED
          : code == EHOSTUNREACH ? FailureKind.HOST_UNREACHABLE : FailureKind.NETWORK_ERROR;
    }
    boolean unreachable = v6 ? type == 1 : type == 3;
    boolean netUnreachable = unreachable && (v6 ? code == 0 : code == 0 || code == 6 || code == 9);
    if (netUnreachable) {
      return FailureKind.NETWORK_UNREACHABLE;
    }
    if (unreachable || isTimeExceeded(v6, type)) {
      return FailureKind.HOST_UNREACHABLE;
    }
    return FailureKind.NETWORK_ERROR;
  }

  /** Whether the answer is a time-exceeded message from a router on the way. */
  static boolean isTimeExceeded(boolean v6, int type) {
    return v6 ? type == 3 : type == 11;
  }

  static boolean isEchoReply(boolean v6, int type) {
    return type == (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4);
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
