package io.netprobe.diagnose;

/** The outcome of one check or one layer. Immutable enum; thread-safe. */
public enum CheckStatus {
  PASSED,
  /** Worth knowing but not a failure (e.g. loopback-only database port, certificate expiring soon). */
  WARNING,
  FAILED,
  /** Not run: no backend for it, not applicable, or no time left. */
  SKIPPED;

  /** The worse of two statuses, in the order PASSED, SKIPPED, WARNING, FAILED. */
  public CheckStatus worse(CheckStatus other) {
    return rank(other) > rank(this) ? other : this;
  }

  private static int rank(CheckStatus s) {
    return switch (s) {
      case PASSED -> 0;
      case SKIPPED -> 1;
      case WARNING -> 2;
      case FAILED -> 3;
    };
  }
}
