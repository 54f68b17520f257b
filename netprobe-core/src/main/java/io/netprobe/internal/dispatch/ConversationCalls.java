package io.netprobe.internal.dispatch;

import io.netprobe.internal.engine.BlockingCalls;
import javax.annotation.Nullable;

/**
 * Where TCP conversations run: their transport blocks (line reads, STARTTLS handshakes on JDK sockets), so each
 * holds a thread while it waits — a virtual one on JDK 21 and later (at most {@code
 * -Dnetprobe.conversation.maxConcurrent}, default 10,000, at once), else one of {@code -Dnetprobe.conversation.threads}
 * (16) platform threads that grow while all are busy up to {@code -Dnetprobe.conversation.maxThreads} (default: no
 * growth; the exporter raises it to its own limit), so that conversations with hung servers do not hold up the
 * others beyond the bound asked for. One set serves the whole JVM. Thread-safe.
 */
final class ConversationCalls {
  private static final Object LOCK = new Object();
  private static @Nullable BlockingCalls shared;

  private ConversationCalls() {}

  static BlockingCalls shared() {
    synchronized (LOCK) {
      if (shared == null) {
        int threads = Math.max(1, Integer.getInteger("netprobe.conversation.threads", 16));
        shared = new BlockingCalls("netprobe-conversation-", threads,
            Math.max(threads, Integer.getInteger("netprobe.conversation.maxThreads", threads)), 5,
            Integer.getInteger("netprobe.conversation.maxConcurrent", 10_000),
            !Boolean.getBoolean("netprobe.conversation.platformThreads"), "the JVM is shutting down");
      }
      return shared;
    }
  }
}
