package io.netprobe.http.internal;

import io.netprobe.internal.engine.BlockingCalls;
import javax.annotation.Nullable;

/**
 * Where a backend's OkHttp calls run. OkHttp blocks a thread per call whatever API is used (its asynchronous calls
 * run the same blocking code on its Dispatcher's threads), so the bound here is what keeps threads from growing with
 * probes in flight. On JDK 21 and later each call gets a virtual thread, at most {@link #VIRTUAL_LIMIT} at once
 * (OkHttp blocks in socket reads, which free the carrier; no JNA here); on JDK 17 a pool of {@link
 * #PLATFORM_THREADS} daemon threads (growing to {@link #MAX_PLATFORM_THREADS} while all are busy) that end after 5 s
 * idle. One set serves the whole JVM ({@link #shared()}).
 * Calls beyond the bound wait in a queue (memory, no thread). Why not OkHttp's own {@code enqueue}: its ready queue
 * is searched per enqueue (O(n), 5.6 s for 20,000 calls in square/okhttp#8733) and cannot be bounded (#6537).
 * Thread-safe.
 */
final class HttpCalls extends BlockingCalls {
  private static final Object LOCK = new Object();
  private static @Nullable HttpCalls shared;

  /**
   * The calls of every OkHttp backend in this JVM: one bound for the process, however many clients it makes. Its
   * platform threads end after {@link #KEEP_ALIVE_SECONDS} idle, so a closed client leaves none for long.
   */
  static HttpCalls shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = new HttpCalls();
      }
      return shared;
    }
  }

  /** How long an idle platform call thread waits for work before it ends. */
  static final int KEEP_ALIVE_SECONDS = 5;

  /** Platform threads for calls on JDK 17–20 ({@code -Dnetprobe.http.threads}, default 16). */
  static final int PLATFORM_THREADS = Math.max(1, Integer.getInteger("netprobe.http.threads", 16));
  /**
   * How far the platform threads may grow while every one of them is busy ({@code -Dnetprobe.http.maxThreads},
   * default {@link #PLATFORM_THREADS}: no growth). A server that answers many probes at once (the exporter) raises it
   * so that calls to hung targets do not hold up the others.
   */
  static final int MAX_PLATFORM_THREADS = Math.max(PLATFORM_THREADS, Integer.getInteger("netprobe.http.maxThreads",
      PLATFORM_THREADS));
  /** Calls at once on virtual threads ({@code -Dnetprobe.http.maxConcurrentCalls}, default 10,000). */
  static final int VIRTUAL_LIMIT = Math.max(1, Integer.getInteger("netprobe.http.maxConcurrentCalls", 10_000));

  HttpCalls() {
    this(PLATFORM_THREADS, MAX_PLATFORM_THREADS, true);
  }

  /**
   * Calls on {@code platformThreads} platform threads, growing to {@code maxThreads} while all are busy; or on
   * virtual threads where the JDK has them and they are allowed ({@code -Dnetprobe.http.platformThreads=true} forbids
   * them).
   */
  HttpCalls(int platformThreads, int maxThreads, boolean virtualAllowed) {
    super("netprobe-http-", platformThreads, maxThreads, KEEP_ALIVE_SECONDS, VIRTUAL_LIMIT,
        virtualAllowed && !Boolean.getBoolean("netprobe.http.platformThreads"), "the HTTP backend is closed");
  }
}
