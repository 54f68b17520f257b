package io.netprobe.sockets.internal.table;

/** The kernel refused or garbled a sock_diag dump. Carries the errno when the kernel gave one. */
final class SockDiagException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int errno;

  SockDiagException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  /** The positive errno the kernel answered with, 0 when the reply was malformed rather than an error. */
  int errno() {
    return errno;
  }
}
