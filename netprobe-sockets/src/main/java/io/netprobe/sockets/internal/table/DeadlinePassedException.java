package io.netprobe.sockets.internal.table;

/** The listing's deadline passed before it was complete; the backend turns this into a TIMEOUT failure. */
final class DeadlinePassedException extends Exception {
  private static final long serialVersionUID = 1L;

  DeadlinePassedException(String whatWasLeft) {
    super("the deadline passed while " + whatWasLeft);
  }
}
