package io.netprobe.http.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.conscrypt.AllocatedBuffer;
import org.conscrypt.BufferAllocator;

/**
 * Direct buffers for Conscrypt's sockets, reused from probe to probe. Left to itself, Conscrypt gives every socket a
 * 16 KiB direct buffer and its engine a few more, all freed only when the garbage collector gets round to them; a
 * service that probes all day but allocates little on the Java heap collects rarely, and the buffers pile up outside
 * the heap (hundreds of megabytes over 20,000 probes in the benchmark). Conscrypt hands a buffer back when the
 * operation or the socket that borrowed it is done (a socket's under its read lock); at most {@code maxIdle} idle
 * buffers of each size are kept (one size's idle buffers must not crowd out another's), the rest are left to the
 * collector.
 *
 * <p>Thread-safe.
 */
final class DirectBufferPool extends BufferAllocator {
  /** The pool every Conscrypt socket of netprobe borrows from: at most 64 idle buffers of a size, about 1 MiB. */
  static final DirectBufferPool SHARED = new DirectBufferPool(64);

  private final Map<Integer, Queue<ByteBuffer>> idleBySize = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> idleCountBySize = new ConcurrentHashMap<>();
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicInteger allocated = new AtomicInteger();
  private final int maxIdle;

  DirectBufferPool(int maxIdle) {
    this.maxIdle = maxIdle;
  }

  @Override
  public AllocatedBuffer allocateDirectBuffer(int capacity) {
    Queue<ByteBuffer> queue = idleBySize.get(capacity);
    ByteBuffer buffer = queue == null ? null : queue.poll();
    if (buffer == null) {
      buffer = ByteBuffer.allocateDirect(capacity);
      allocated.incrementAndGet();
    } else {
      idle.decrementAndGet();
      idleCountBySize.get(capacity).decrementAndGet();
      buffer.clear();
    }
    return new Loan(buffer);
  }

  /** How many buffers wait to be reused. */
  int idle() {
    return idle.get();
  }

  /** How many buffers this pool has allocated in all. */
  int allocated() {
    return allocated.get();
  }

  private void giveBack(ByteBuffer buffer) {
    AtomicInteger ofThisSize = idleCountBySize.computeIfAbsent(buffer.capacity(), size -> new AtomicInteger());
    if (ofThisSize.incrementAndGet() > maxIdle) {
      ofThisSize.decrementAndGet();
      return; // enough idle buffers of this size already: this one is left to the collector
    }
    idle.incrementAndGet();
    idleBySize.computeIfAbsent(buffer.capacity(), size -> new ConcurrentLinkedQueue<>()).offer(buffer);
  }

  /** One borrowing; releasing it twice returns the buffer once. */
  private final class Loan extends AllocatedBuffer {
    private final ByteBuffer buffer;
    private final AtomicBoolean released = new AtomicBoolean();

    Loan(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public ByteBuffer nioBuffer() {
      return buffer;
    }

    @Override
    public AllocatedBuffer release() {
      if (released.compareAndSet(false, true)) {
        giveBack(buffer);
      }
      return this;
    }
  }
}
