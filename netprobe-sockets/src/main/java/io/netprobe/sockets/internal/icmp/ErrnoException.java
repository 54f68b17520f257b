package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.io.IOException;

/** A failed system call and its errno. */
final class ErrnoException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int errno;

  ErrnoException(String call, int errno) {
    super(call + " failed: " + LibC.describe(errno));
    this.errno = errno;
  }

  int errno() {
    return errno;
  }
}
