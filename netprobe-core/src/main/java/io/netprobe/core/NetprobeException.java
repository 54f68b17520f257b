package io.netprobe.core;

/**
 * A probe's failure, thrown only when the caller asks for it through {@link ProbeResult#orThrow()}. netprobe never
 * throws it on its own: expected network outcomes are values.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetprobeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProbeFailure failure;

  public NetprobeException(ProbeFailure failure) {
    super(failure.kind() + ": " + failure.message(), failure.cause().orElse(null));
    this.failure = failure;
  }

  public ProbeFailure failure() {
    return failure;
  }

  public FailureKind kind() {
    return failure.kind();
  }
}
