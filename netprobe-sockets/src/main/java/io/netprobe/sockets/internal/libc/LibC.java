package io.netprobe.sockets.internal.libc;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The few libc calls and Linux x86_64/aarch64 constants the socket backends need (ICMP sockets, raw TCP probes,
 * netlink sock_diag),
 * bound with JNA direct mapping (the fast path). After a call returns -1, {@link #errno()} on the same thread holds
 * errno. Thread-safe.
 */
public final class LibC {
  public static final int AF_INET = 2;
  public static final int AF_INET6 = 10;
  public static final int AF_NETLINK = 16;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_NONBLOCK = 0x800;
  public static final int SOCK_CLOEXEC = 0x80000;
  public static final int IPPROTO_IP = 0;
  public static final int IPPROTO_ICMP = 1;
  public static final int IPPROTO_TCP = 6;
  public static final int IPPROTO_UDP = 17;
  public static final int IPPROTO_ICMPV6 = 58;

  public static final int SOL_SOCKET = 1;
  public static final int SO_RCVBUF = 8;
  public static final int SO_RCVTIMEO = 20;
  public static final int SO_RCVBUFFORCE = 33;
  public static final int SO_TIMESTAMPNS = 35;
  public static final int SO_TIMESTAMPING = 37;
  public static final int SOF_TIMESTAMPING_TX_SOFTWARE = 1 << 1;
  public static final int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
  public static final int SOF_TIMESTAMPING_OPT_ID = 1 << 7;
  public static final int SOF_TIMESTAMPING_OPT_TSONLY = 1 << 11;
  public static final int SOL_IP = 0;
  public static final int IP_TTL = 2;
  public static final int IP_RECVERR = 11;
  public static final int IP_RECVTTL = 12;
  public static final int SOL_IPV6 = 41;
  public static final int IPV6_UNICAST_HOPS = 16;
  public static final int IPV6_RECVERR = 25;
  /** For raw IPv6 sockets: the offset of the checksum the kernel fills in (RFC 3542). */
  public static final int IPV6_CHECKSUM = 7;
  public static final int IPV6_RECVHOPLIMIT = 51;
  public static final int IPV6_HOPLIMIT = 52;
  public static final int IP_MTU_DISCOVER = 10;
  public static final int IP_MTU = 14;
  public static final int IPV6_MTU = 24;
  public static final int IP_PMTUDISC_DO = 2;
  public static final int IPV6_MTU_DISCOVER = 23;
  public static final int IPV6_PMTUDISC_DO = 2;
  public static final int SO_BINDTODEVICE = 25;
  public static final int EFD_NONBLOCK = 0x800;
  public static final int EFD_CLOEXEC = 0x80000;

  public static final int MSG_DONTWAIT = 0x40;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_ERRQUEUE = 0x2000;
  public static final short POLLIN = 1;
  public static final short POLLERR = 8;

  public static final int EPERM = 1;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int ENETUNREACH = 101;
  public static final int EHOSTUNREACH = 113;
  public static final int ECONNREFUSED = 111;
  public static final int EMSGSIZE = 90;
  public static final int EPROTO = 71;
  public static final int EAFNOSUPPORT = 97;
  public static final int EADDRNOTAVAIL = 99;
  public static final int ENODEV = 19;
  public static final int EPROTONOSUPPORT = 93;

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
  public static Throwable loadFailure() {
    return LOAD_FAILURE;
  }

  public static native int socket(int domain, int type, int protocol);

  public static native int close(int fd);

  public static native int setsockopt(int fd, int level, int name, Pointer value, int length);

  /** setsockopt with an array of C longs, such as a {@code struct timeval}. */
  public static native int setsockopt(int fd, int level, int name, long[] value, int length);

  public static native int getsockopt(int fd, int level, int name, Pointer value, int[] length);

  /** send(2) from a direct buffer. */
  public static native long send(int fd, ByteBuffer buffer, long length, int flags);

  /** recv(2) into a direct buffer. */
  public static native long recv(int fd, ByteBuffer buffer, long length, int flags);

  public static native long sendmsg(int fd, Pointer message, int flags);

  public static native long recvmsg(int fd, Pointer message, int flags);

  public static native int poll(Pointer fds, long count, int timeoutMillis);

  public static native int getsockname(int fd, Pointer address, int[] length);

  public static native int bind(int fd, Pointer address, int length);

  public static native int connect(int fd, Pointer address, int length);

  public static native int eventfd(int initialValue, int flags);

  public static native long read(int fd, Pointer buffer, long count);

  public static native long write(int fd, Pointer buffer, long count);

  public static native int bind(int fd, byte[] address, int length);

  public static int errno() {
    return Native.getLastError();
  }

  /** The errno's symbolic name and meaning, without calling back into libc (which could clobber errno). */
  public static String describe(int errno) {
    switch (errno) {
      case EPERM: return "EPERM (operation not permitted)";
      case EACCES: return "EACCES (permission denied)";
      case EAGAIN: return "EAGAIN (would block)";
      case ENETUNREACH: return "ENETUNREACH (network is unreachable)";
      case EHOSTUNREACH: return "EHOSTUNREACH (no route to host)";
      case ECONNREFUSED: return "ECONNREFUSED (connection refused)";
      case EMSGSIZE: return "EMSGSIZE (message too long)";
      case EPROTO: return "EPROTO (protocol error)";
      case EADDRNOTAVAIL: return "EADDRNOTAVAIL (cannot assign requested address)";
      case ENODEV: return "ENODEV (no such device)";
      case EAFNOSUPPORT: return "EAFNOSUPPORT (address family not supported)";
      case EPROTONOSUPPORT: return "EPROTONOSUPPORT (protocol not supported)";
      default: return "errno " + errno;
    }
  }
}
