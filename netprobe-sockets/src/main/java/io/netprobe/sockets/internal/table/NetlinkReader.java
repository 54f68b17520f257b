package io.netprobe.sockets.internal.table;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import io.netprobe.Deadline;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocketsQuery;
import io.netprobe.sockets.TransportProtocol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads listening sockets through a NETLINK_SOCK_DIAG socket opened with JNA (the JDK cannot open AF_NETLINK): one
 * dump per protocol and family, with a state mask of LISTEN only for TCP and CLOSE only for UDP, so the kernel
 * walks the listening hash and never the established one; cost is O(listeners), whatever the number of
 * connections. Each read opens and closes its own netlink socket. Thread-safe.
 */
final class NetlinkReader implements SocketTableReader {
  static final String SOURCE = "netlink";

  private static final int AF_NETLINK = 16;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  /** The kernel caps one dump datagram near 32 KiB; twice that never truncates. */
  private static final int RECEIVE_BUFFER = 64 * 1024;

  private final AtomicInteger sequence = new AtomicInteger();
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(RECEIVE_BUFFER));

  /** libc through JNA direct mapping (no per-call reflection). */
  private static final class LibC {
    static {
      Native.register(Platform.C_LIBRARY_NAME);
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, long[] value, int length) throws LastErrorException;

    static native NativeLong send(int fd, ByteBuffer buffer, NativeLong length, int flags)
        throws LastErrorException;

    static native NativeLong recv(int fd, ByteBuffer buffer, NativeLong length, int flags)
        throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }

  /**
   * Whether netlink sock_diag works here: Linux, JNA's native library loads (it does not on a noexec temp dir), and
   * the kernel opens a NETLINK_SOCK_DIAG socket (not on gVisor or WSL1). Never throws.
   */
  static boolean isAvailable() {
    if (!Platform.isLinux() || Native.LONG_SIZE != 8) {
      return false;
    }
    try {
      int fd = LibC.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, SockDiag.NETLINK_SOCK_DIAG);
      LibC.close(fd);
      return true;
    } catch (Throwable unavailable) { // UnsatisfiedLinkError, NoClassDefFoundError, LastErrorException
      return false;
    }
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public void read(ListeningSocketsQuery query, Deadline deadline, List<RawSocket> into)
      throws IOException, DeadlinePassedException {
    int fd;
    try {
      fd = LibC.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, SockDiag.NETLINK_SOCK_DIAG);
    } catch (LastErrorException e) {
      throw new IOException("cannot open a NETLINK_SOCK_DIAG socket: errno " + e.getErrorCode(), e);
    }
    try {
      for (TransportProtocol protocol : TransportProtocol.values()) {
        for (AddressFamily family : AddressFamily.values()) {
          if (query.protocols().contains(protocol) && query.families().contains(family)) {
            dump(fd, family, protocol, query.port().orElse(0), deadline, into);
          }
        }
      }
    } catch (LastErrorException e) {
      throw new IOException("netlink sock_diag failed: errno " + e.getErrorCode(), e);
    } catch (SockDiagException e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      LibC.close(fd);
    }
  }

  private void dump(int fd, AddressFamily family, TransportProtocol protocol, int port, Deadline deadline,
      List<RawSocket> into) throws DeadlinePassedException, SockDiagException {
    String what = "dumping " + protocol + " " + family + " sockets over netlink";
    ByteBuffer request = ByteBuffer.allocateDirect(SockDiag.REQUEST_LENGTH)
        .put(SockDiag.dumpRequest(family, protocol, port, sequence.incrementAndGet())).flip();
    LibC.send(fd, request, new NativeLong(SockDiag.REQUEST_LENGTH), 0);
    ByteBuffer buffer = buffers.get();
    boolean done = false;
    while (!done) {
      if (deadline.isExpired()) {
        throw new DeadlinePassedException(what);
      }
      long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(deadline.remainingNanos()));
      LibC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, new long[] {micros / 1_000_000, micros % 1_000_000}, 16);
      long received;
      try {
        received = LibC.recv(fd, buffer, new NativeLong(RECEIVE_BUFFER), 0).longValue();
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EINTR) {
          continue;
        }
        if (e.getErrorCode() == EAGAIN) {
          throw new DeadlinePassedException(what);
        }
        throw e;
      }
      if (received <= 0) {
        throw new SockDiagException("the netlink socket closed in the middle of a dump", 0);
      }
      buffer.clear().limit((int) received);
      done = SockDiag.parse(buffer, protocol, into);
    }
  }
}
