package io.netprobe.internal.dispatch;

/** Backends for a capability exist but none can work here; probes turn this into UNSUPPORTED_PLATFORM. */
public final class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }
}
