package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One non-blocking socket file descriptor with preallocated native buffers for {@code sendmsg}/{@code recvmsg}
 * (explicit LP64 offsets, no JNA Structure reflection on the hot path). Owned by one probe on one thread; not
 * thread-safe. Closing is idempotent.
 */
final class NativeSocket implements AutoCloseable {
  private static final int MSGHDR_SIZE = 56;
  private static final int CONTROL_SIZE = 512;
  private static final int NAME_SIZE = 128;
  private static final int RECEIVE_SIZE = 65_536 + 512;

  private final int fd;
  private final boolean v6;
  private final Memory message = new Memory(MSGHDR_SIZE);
  private final Memory iov = new Memory(16);
  private final Memory name = new Memory(NAME_SIZE);
  private final Memory control = new Memory(CONTROL_SIZE);
  private final Memory receiveBuffer = new Memory(RECEIVE_SIZE);
  private final byte[] controlCopy = new byte[CONTROL_SIZE];
  private final byte[] nameCopy = new byte[NAME_SIZE];
  private final Memory pollFd = new Memory(8);
  private Memory sendBuffer = new Memory(1024);
  private boolean closed;

  /** A datagram (or error-queue entry) read from the socket. */
  record Received(byte[] data, Optional<InetSocketAddress> from, Ancillary ancillary, long userNanoTime) {}

  private NativeSocket(int fd, boolean v6) {
    this.fd = fd;
    this.v6 = v6;
  }

  /** Opens a non-blocking, close-on-exec socket. */
  static NativeSocket open(boolean v6, int type, int protocol) throws ErrnoException {
    int fd = LibC.socket(v6 ? LibC.AF_INET6 : LibC.AF_INET, type | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, protocol);
    if (fd < 0) {
      throw new ErrnoException("socket", LibC.errno());
    }
    return new NativeSocket(fd, v6);
  }

  boolean isV6() {
    return v6;
  }

  int fd() {
    return fd;
  }

  /** Binds the source address (port 0: for ICMP datagram sockets the kernel then picks the identifier). */
  void bind(InetAddress address) throws ErrnoException {
    byte[] sockaddr = SocketAddresses.encode(address, 0);
    try (Memory m = new Memory(sockaddr.length)) {
      m.write(0, sockaddr, 0, sockaddr.length);
      if (LibC.bind(fd, m, sockaddr.length) != 0) {
        throw new ErrnoException("bind(" + address.getHostAddress() + ")", LibC.errno());
      }
    }
  }

  /** Connects a datagram socket (fixes its destination, so the kernel can say the route's MTU). */
  void connect(InetAddress address, int port) throws ErrnoException {
    byte[] sockaddr = SocketAddresses.encode(address, port);
    try (Memory m = new Memory(sockaddr.length)) {
      m.write(0, sockaddr, 0, sockaddr.length);
      if (LibC.connect(fd, m, sockaddr.length) != 0) {
        throw new ErrnoException("connect(" + address.getHostAddress() + ")", LibC.errno());
      }
    }
  }

  /** Sends only through the interface {@code name} (SO_BINDTODEVICE; unprivileged since Linux 5.7). */
  void bindToDevice(String name) throws ErrnoException {
    byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (Memory m = new Memory(bytes.length + 1)) {
      m.write(0, bytes, 0, bytes.length);
      m.setByte(bytes.length, (byte) 0);
      if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, m, bytes.length + 1) != 0) {
        throw new ErrnoException("SO_BINDTODEVICE(" + name + ")", LibC.errno());
      }
    }
  }

  void setInt(int level, int option, int value) throws ErrnoException {
    try (Memory m = new Memory(4)) {
      m.setInt(0, value);
      if (LibC.setsockopt(fd, level, option, m, 4) != 0) {
        throw new ErrnoException("setsockopt(" + level + ", " + option + ")", LibC.errno());
      }
    }
  }

  void setBytes(int level, int option, byte[] value) throws ErrnoException {
    try (Memory m = new Memory(value.length)) {
      m.write(0, value, 0, value.length);
      if (LibC.setsockopt(fd, level, option, m, value.length) != 0) {
        throw new ErrnoException("setsockopt(" + level + ", " + option + ")", LibC.errno());
      }
    }
  }

  int getInt(int level, int option) throws ErrnoException {
    try (Memory m = new Memory(4)) {
      int[] length = {4};
      if (LibC.getsockopt(fd, level, option, m, length) != 0) {
        throw new ErrnoException("getsockopt(" + level + ", " + option + ")", LibC.errno());
      }
      return m.getInt(0);
    }
  }

  /** Binds to the wildcard address and {@code port}. */
  void bind(int port) throws ErrnoException {
    byte[] any = new byte[v6 ? 16 : 4];
    byte[] sockaddr;
    try {
      sockaddr = SocketAddresses.encode(InetAddress.getByAddress(any), port);
    } catch (java.net.UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (LibC.bind(fd, sockaddr, sockaddr.length) != 0) {
      throw new ErrnoException("bind(" + port + ")", LibC.errno());
    }
  }

  /** The local port (for datagram ICMP sockets: the echo identifier the kernel uses). */
  int localPort() throws ErrnoException {
    int[] length = {NAME_SIZE};
    if (LibC.getsockname(fd, name, length) != 0) {
      throw new ErrnoException("getsockname", LibC.errno());
    }
    return ((name.getByte(2) & 0xff) << 8) | (name.getByte(3) & 0xff);
  }

  /**
   * Sends {@code payload} to {@code address:port}, with a per-packet TTL / hop limit when {@code ttl >= 0}.
   *
   * @return 0 when sent, else the errno
   */
  int send(InetAddress address, int port, byte[] payload, int ttl) {
    byte[] sockaddr = SocketAddresses.encode(address, port);
    name.write(0, sockaddr, 0, sockaddr.length);
    if (sendBuffer.size() < payload.length) {
      sendBuffer.close();
      sendBuffer = new Memory(Math.max(payload.length, 1));
    }
    if (payload.length > 0) {
      sendBuffer.write(0, payload, 0, payload.length);
    }
    iov.setPointer(0, sendBuffer);
    iov.setLong(8, payload.length);
    message.setPointer(0, name);
    message.setInt(8, sockaddr.length);
    message.setPointer(16, iov);
    message.setLong(24, 1);
    message.setPointer(32, null);
    message.setLong(40, 0);
    message.setInt(48, 0);
    if (ttl >= 0) {
      control.clear(24);
      control.setLong(0, 16 + 4);
      control.setInt(8, v6 ? LibC.SOL_IPV6 : LibC.SOL_IP);
      control.setInt(12, v6 ? LibC.IPV6_HOPLIMIT : LibC.IP_TTL);
      control.setInt(16, ttl);
      message.setPointer(32, control);
      message.setLong(40, 24);
    }
    long sent = LibC.sendmsg(fd, message, 0);
    return sent < 0 ? LibC.errno() : 0;
  }

  /**
   * Reads one datagram, or with {@code errorQueue} one entry of the error queue, without blocking.
   *
   * @return null when there is nothing to read
   * @throws ErrnoException on errors other than "nothing to read" and the one-off errors a pending ICMP error causes
   */
  Received receive(boolean errorQueue) throws ErrnoException {
    return receive(errorQueue, true);
  }

  /** Like {@link #receive(boolean)}; without {@code wantSource} the sender's address is not decoded. */
  Received receive(boolean errorQueue, boolean wantSource) throws ErrnoException {
    while (true) {
      iov.setPointer(0, receiveBuffer);
      iov.setLong(8, RECEIVE_SIZE);
      message.setPointer(0, name);
      message.setInt(8, NAME_SIZE);
      message.setPointer(16, iov);
      message.setLong(24, 1);
      message.setPointer(32, control);
      message.setLong(40, CONTROL_SIZE);
      message.setInt(48, 0);
      long n = LibC.recvmsg(fd, message, LibC.MSG_DONTWAIT | (errorQueue ? LibC.MSG_ERRQUEUE : 0));
      long now = System.nanoTime();
      if (n < 0) {
        int errno = LibC.errno();
        if (errno == LibC.EAGAIN) {
          return null;
        }
        if (errno == LibC.EINTR || isPendingIcmpError(errno)) {
          continue;
        }
        throw new ErrnoException("recvmsg", errno);
      }
      byte[] data = receiveBuffer.getByteArray(0, (int) Math.min(n, RECEIVE_SIZE));
      int nameLength = message.getInt(8);
      int controlLength = (int) Math.min(message.getLong(40), CONTROL_SIZE);
      Optional<InetSocketAddress> from = Optional.empty();
      if (nameLength > 0 && wantSource) {
        name.read(0, nameCopy, 0, Math.min(nameLength, NAME_SIZE));
        from = SocketAddresses.decode(nameCopy, 0, Math.min(nameLength, NAME_SIZE));
      }
      Ancillary ancillary = Ancillary.NONE;
      if (controlLength > 0) {
        control.read(0, controlCopy, 0, controlLength);
        ancillary = Ancillary.parse(controlCopy, controlLength);
      }
      return new Received(data, from, ancillary, now);
    }
  }

  /**
   * Waits up to {@code timeoutMillis} (0: just check) until the socket is readable or has a queued error.
   *
   * @return the poll events that are set (POLLIN, POLLERR), 0 on timeout
   */
  int poll(int timeoutMillis) throws ErrnoException {
    pollFd.setInt(0, fd);
    pollFd.setShort(4, (short) (LibC.POLLIN | LibC.POLLERR));
    pollFd.setShort(6, (short) 0);
    int n = LibC.poll(pollFd, 1, timeoutMillis);
    if (n < 0) {
      int errno = LibC.errno();
      if (errno == LibC.EINTR) {
        return 0;
      }
      throw new ErrnoException("poll", errno);
    }
    return n == 0 ? 0 : pollFd.getShort(6);
  }

  /**
   * Waits on several sockets at once, like {@link #poll(int)}.
   *
   * @return the events of each socket, in order
   */
  static int[] pollAll(java.util.List<NativeSocket> sockets, int timeoutMillis) throws ErrnoException {
    if (sockets.size() == 1) {
      return new int[] {sockets.get(0).poll(timeoutMillis)};
    }
    try (Memory fds = new Memory(8L * sockets.size())) {
      for (int i = 0; i < sockets.size(); i++) {
        fds.setInt(8L * i, sockets.get(i).fd);
        fds.setShort(8L * i + 4, (short) (LibC.POLLIN | LibC.POLLERR));
        fds.setShort(8L * i + 6, (short) 0);
      }
      int[] events = new int[sockets.size()];
      int n = LibC.poll(fds, sockets.size(), timeoutMillis);
      if (n < 0) {
        int errno = LibC.errno();
        if (errno == LibC.EINTR) {
          return events;
        }
        throw new ErrnoException("poll", errno);
      }
      for (int i = 0; i < events.length && n > 0; i++) {
        events[i] = fds.getShort(8L * i + 6);
      }
      return events;
    }
  }

  /** Sets don't-fragment: packets too big for the path are refused rather than fragmented ({@code ping -M do}). */
  void dontFragment() throws ErrnoException {
    setInt(isV6() ? LibC.SOL_IPV6 : LibC.SOL_IP, isV6() ? LibC.IPV6_MTU_DISCOVER : LibC.IP_MTU_DISCOVER,
        isV6() ? LibC.IPV6_PMTUDISC_DO : LibC.IP_PMTUDISC_DO);
  }

  /**
   * {@link #send}, once more when the first attempt only reported an earlier probe's ICMP error.
   *
   * @return 0 when sent, else the errno
   */
  int sendPastPendingError(InetAddress address, int port, byte[] payload, int ttl) {
    int errno = send(address, port, payload, ttl);
    return errno != 0 && isPendingIcmpError(errno) ? send(address, port, payload, ttl) : errno;
  }

  /** Errors that a queued ICMP error makes the next send or receive return once; the operation can be retried. */
  static boolean isPendingIcmpError(int errno) {
    return errno == LibC.EHOSTUNREACH || errno == LibC.ENETUNREACH || errno == LibC.ECONNREFUSED
        || errno == LibC.EMSGSIZE || errno == LibC.EPROTO;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      LibC.close(fd);
      message.close();
      iov.close();
      name.close();
      control.close();
      receiveBuffer.close();
      pollFd.close();
      sendBuffer.close();
    }
  }
}
