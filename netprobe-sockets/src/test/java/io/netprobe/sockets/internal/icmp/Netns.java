package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a network namespace on a fresh thread: {@code setns(2)} moves only the calling thread, and the
 * probes run on the calling thread, so their sockets live in the namespace. Optionally the thread also drops to
 * another uid/gid with the raw {@code setresuid}/{@code setresgid}/{@code setgroups} system calls, which (unlike
 * glibc's wrappers) change only that thread's credentials — an unprivileged prober inside this root JVM.
 */
final class Netns {
  private static final int O_RDONLY = 0;
  private static final int CLONE_NEWNET = 0x40000000;
  private static final long SYS_SETGROUPS = 116;
  private static final long SYS_SETRESUID = 117;
  private static final long SYS_SETRESGID = 119;

  interface C extends Library {
    C INSTANCE = Native.load("c", C.class);

    int open(String path, int flags);

    int close(int fd);

    int setns(int fd, int type);

    long syscall(long number, Object... args);
  }

  private Netns() {}

  static <T> T inside(String namespace, Callable<T> body) {
    return run(namespace, -1, body);
  }

  /** Runs {@code body} in {@code namespace} as uid and gid {@code id} with no supplementary groups. */
  static <T> T insideAs(String namespace, int id, Callable<T> body) {
    return run(namespace, id, body);
  }

  private static <T> T run(String namespace, int id, Callable<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        int fd = C.INSTANCE.open("/var/run/netns/" + namespace, O_RDONLY);
        if (fd < 0 || C.INSTANCE.setns(fd, CLONE_NEWNET) != 0) {
          throw new IllegalStateException("cannot enter namespace " + namespace + ": errno " + Native.getLastError());
        }
        C.INSTANCE.close(fd);
        if (id >= 0) {
          check(C.INSTANCE.syscall(SYS_SETGROUPS, 0L, 0L), "setgroups");
          check(C.INSTANCE.syscall(SYS_SETRESGID, (long) id, (long) id, (long) id), "setresgid");
          check(C.INSTANCE.syscall(SYS_SETRESUID, (long) id, (long) id, (long) id), "setresuid");
        }
        result.set(body.call());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "netns-" + namespace);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure.get() instanceof RuntimeException) {
      throw (RuntimeException) failure.get();
    }
    if (failure.get() instanceof Error) {
      throw (Error) failure.get();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(failure.get());
    }
    return result.get();
  }

  private static void check(long rc, String call) {
    if (rc != 0) {
      throw new IllegalStateException(call + " failed: errno " + Native.getLastError());
    }
  }
}
