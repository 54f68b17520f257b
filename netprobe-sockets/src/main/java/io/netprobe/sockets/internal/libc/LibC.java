package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls and Linux x86_64/aarch64 constants the ICMP backends need, bound with JNA direct mapping (the
 * fast path). After a call returns -1, {@link Native#getLastError()} on the same thread holds errno. Thread-safe.
 */
final class LibC {
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_RAW = 3;
  static final int SOCK_NONBLOCK = 0x800;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int IPPROTO_IP = 0;
  static final int IPPROTO_ICMP = 1;
  static final int IPPROTO_UDP = 17;
  static final int IPPROTO_ICMPV6 = 58;

  static final int SOL_SOCKET = 1;
  static final int SO_RCVBUF = 8;
  static final int SO_RCVBUFFORCE = 33;
  static final int SO_TIMESTAMPNS = 35;
  static final int SO_TIMESTAMPING = 37;
  static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
  static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
  static final int SOF_TIMESTAMPING_OPT_ID = 1 << 7;
  static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;
  static final int SOL_IP = 0;
  static final int IP_TTL = 2;
  static final int IP_RECVERR = 11;
  static final int IP_RECVTTL = 12;
  static final int SOL_IPV6 = 41;
  static final int IPV6_UNICAST_HOPS = 16;
  static final int IPV6_RECVERR = 25;
  static final int IPV6_RECVHOPLIMIT = 51;
  static final int IPV6_HOPLIMIT = 52;

  static final int MSG_DONTWAIT = 0x40;
  static final int MSG_TRUNC = 0x20;
  static final int MSG_ERRQUEUE = 0x2000;
  static final short POLLIN = 1;
  static final short POLLERR = 8;

  static final int EPERM = 1;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int ENETUNREACH = 101;
  static final int EHOSTUNREACH = 113;
  static final int ECONNREFUSED = 111;
  static final int EMSGSIZE = 90;
  static final int EPROTO = 71;
  static final int EAFNOSUPPORT = 97;
  static final int EPROTONOSUPPORT = 93;

  private static final Throwable LOAD_FAILURE;

  static {
    Throwable failure = null;
    try {
      if (!Platform.isLinux()) {
        throw new UnsatisfiedLinkError("not Linux: " + System.getProperty("os.name"));
      }
      Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | IllegalStateException e) {
      failure = e;
    }
    LOAD_FAILURE = failure;
  }

  private LibC() {}

  /** Why libc could not be bound, or null when it was. */
  static Throwable loadFailure() {
    return LOAD_FAILURE;
  }

  static native int socket(int domain, int type, int protocol);

  static native int close(int fd);

  static native int setsockopt(int fd, int level, int name, Pointer value, int length);

  static native int getsockopt(int fd, int level, int name, Pointer value, int[] length);

  static native long sendmsg(int fd, Pointer message, int flags);

  static native long recvmsg(int fd, Pointer message, int flags);

  static native int poll(Pointer fds, long count, int timeoutMillis);

  static native int getsockname(int fd, Pointer address, int[] length);

  static int errno() {
    return Native.getLastError();
  }

  /** The errno's symbolic name and meaning, without calling back into libc (which could clobber errno). */
  static String describe(int errno) {
    switch (errno) {
      case EPERM: return "EPERM (operation not permitted)";
      case EACCES: return "EACCES (permission denied)";
      case EAGAIN: return "EAGAIN (would block)";
      case ENETUNREACH: return "ENETUNREACH (network is unreachable)";
      case EHOSTUNREACH: return "EHOSTUNREACH (no route to host)";
      case ECONNREFUSED: return "ECONNREFUSED (connection refused)";
      case EMSGSIZE: return "EMSGSIZE (message too long)";
      case EPROTO: return "EPROTO (protocol error)";
      case EAFNOSUPPORT: return "EAFNOSUPPORT (address family not supported)";
      case EPROTONOSUPPORT: return "EPROTONOSUPPORT (protocol not supported)";
      default: return "errno " + errno;
    }
  }
}
