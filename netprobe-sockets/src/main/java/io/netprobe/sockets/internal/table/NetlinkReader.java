package io.netprobe.sockets.internal.table;

import com.sun.jna.Native;
import io.netprobe.core.Deadline;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.sockets.internal.libc.LibC;
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

  /** The kernel caps one dump datagram near 32 KiB; twice that never truncates. */
  private static final int RECEIVE_BUFFER = 64 * 1024;

  private final AtomicInteger sequence = new AtomicInteger();
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(RECEIVE_BUFFER));

  /**
   * Whether netlink sock_diag works here: Linux, JNA's native library loads (it does not on a noexec temp dir), and
   * the kernel opens a NETLINK_SOCK_DIAG socket (not on gVisor or WSL1). Never throws.
   */
  static boolean isAvailable() {
    try {
      if (LibC.loadFailure() != null || Native.LONG_SIZE != 8) {
        return false;
      }
      int fd = open();
      if (fd < 0) {
        return false;
      }
      LibC.close(fd);
      return true;
    } catch (LinkageError unavailable) { // JNA itself missing or not loadable
      return false;
    }
  }

  private static int open() {
    return LibC.socket(LibC.AF_NETLINK, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, SockDiag.NETLINK_SOCK_DIAG);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public void read(ListeningSocketsSpec query, Deadline deadline, List<RawSocket> into)
      throws IOException, DeadlinePassedException {
    int fd = open();
    if (fd < 0) {
      throw new IOException("cannot open a NETLINK_SOCK_DIAG socket: " + LibC.describe(LibC.errno()));
    }
    try {
      for (TransportProtocol protocol : TransportProtocol.values()) {
        for (AddressFamily family : AddressFamily.values()) {
          if (query.protocols().contains(protocol) && query.families().contains(family)) {
            dump(fd, family, protocol, query.port().orElse(0), deadline, into);
          }
        }
      }
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
    if (LibC.send(fd, request, SockDiag.REQUEST_LENGTH, 0) < 0) {
      int errno = LibC.errno();
      throw new SockDiagException("netlink sock_diag request failed: " + LibC.describe(errno), errno);
    }
    ByteBuffer buffer = buffers.get();
    boolean done = false;
    while (!done) {
      if (deadline.isExpired()) {
        throw new DeadlinePassedException(what);
      }
      long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(deadline.remainingNanos()));
      if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO,
          new long[] {micros / 1_000_000, micros % 1_000_000}, 16) < 0) {
        int errno = LibC.errno();
        throw new SockDiagException("cannot set the netlink receive timeout: " + LibC.describe(errno), errno);
      }
      long received = LibC.recv(fd, buffer, RECEIVE_BUFFER, 0);
      if (received < 0) {
        int errno = LibC.errno();
        if (errno == LibC.EINTR) {
          continue;
        }
        if (errno == LibC.EAGAIN) {
          throw new DeadlinePassedException(what);
        }
        throw new SockDiagException("netlink sock_diag receive failed: " + LibC.describe(errno), errno);
      }
      if (received == 0) {
        throw new SockDiagException("the netlink socket closed in the middle of a dump", 0);
      }
      buffer.clear().limit((int) received);
      done = SockDiag.parse(buffer, protocol, into);
    }
  }
}
