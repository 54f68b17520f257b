package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Memory;
import io.netprobe.sockets.internal.libc.LibC;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An eventfd that wakes a reactor blocked in {@code poll()}: any thread may {@link #wake()}, the reactor
 * {@link #reset()}s it. Redundant wakes are coalesced. Thread-safe.
 */
final class Wakeup implements AutoCloseable {
  private final int fd;
  private final Memory writeBuffer = new Memory(8);
  private final Memory readBuffer = new Memory(8);
  private final AtomicBoolean pending = new AtomicBoolean();
  private boolean closed;

  Wakeup() throws ErrnoException {
    fd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
    if (fd < 0) {
      throw new ErrnoException("eventfd", LibC.errno());
    }
    writeBuffer.setLong(0, 1);
  }

  int fd() {
    return fd;
  }

  void wake() {
    if (pending.compareAndSet(false, true)) {
      synchronized (writeBuffer) {
        if (!closed) {
          LibC.write(fd, writeBuffer, 8);
        }
      }
    }
  }

  /**
   * On the reactor, before it looks at its inbox: later wakes write again. Read first, then clear: cleared first, a
   * wake between the two would write a count this read swallows while leaving {@code pending} set, and every wake
   * after it would be dropped until the poll timed out (a 2 s stall under load).
   */
  void reset() {
    LibC.read(fd, readBuffer, 8);
    pending.set(false);
  }

  @Override
  public void close() {
    synchronized (writeBuffer) {
      if (!closed) {
        closed = true;
        LibC.close(fd);
        writeBuffer.close();
        readBuffer.close();
      }
    }
  }
}
