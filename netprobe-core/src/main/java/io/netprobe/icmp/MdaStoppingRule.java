package io.netprobe.icmp;

import java.util.Arrays;

/**
 * The stopping rule of the Multipath Detection Algorithm (Augustin, Friedman, Teixeira, IMC 2007; failure control
 * as in Veitch et al., INFOCOM 2009): after seeing {@code k} next hops of a node, send {@code n(k)} probes with
 * distinct flows in total before concluding that there are only {@code k}. {@code n(k)} is the smallest count that
 * keeps the chance of stopping too early under "there are k+1 equally likely next hops" — summed over the earlier
 * stopping points — at most {@code alpha}. With alpha 0.05: 6, 11, 16, 21, 27, 33, 39, 45, …
 *
 * <p>Immutable and thread-safe.
 */
public final class MdaStoppingRule {
  private static final int MAX_K = 40;
  private final double alpha;
  private final int[] n;

  private MdaStoppingRule(double alpha) {
    this.alpha = alpha;
    this.n = table(alpha);
  }

  /**
   * The rule for a failure probability {@code alpha} per branching node.
   *
   * @throws IllegalArgumentException unless 0 < alpha < 1
   */
  public static MdaStoppingRule perNode(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    return new MdaStoppingRule(alpha);
  }

  /**
   * The rule that finds a whole graph with {@code confidence}, assuming at most {@code maxBranching} branching
   * nodes: each node gets {@code 1 - confidence^(1/maxBranching)} (libparistraceroute's split).
   *
   * @throws IllegalArgumentException unless 0 < confidence < 1 and maxBranching >= 1
   */
  public static MdaStoppingRule forGraph(double confidence, int maxBranching) {
    if (!(confidence > 0 && confidence < 1) || maxBranching < 1) {
      throw new IllegalArgumentException("need 0 < confidence < 1 and maxBranching >= 1, was confidence="
          + confidence + ", maxBranching=" + maxBranching);
    }
    return perNode(1 - Math.pow(confidence, 1.0 / maxBranching));
  }

  public double alpha() {
    return alpha;
  }

  /** Probes with distinct flows to send through a node, having seen {@code k >= 1} next hops, before stopping. */
  public int probesNeeded(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    return k <= MAX_K ? n[k] : n[MAX_K] + (k - MAX_K) * (n[MAX_K] - n[MAX_K - 1]);
  }

  private static int[] table(double alpha) {
    int[] n = new int[MAX_K + 1];
    for (int k = 1; k <= MAX_K; k++) {
      int hypothesis = k + 1;
      int candidate = Math.max(k, n[k - 1] + 1);
      while (failure(n, k, candidate, hypothesis) > alpha) {
        candidate++;
      }
      n[k] = candidate;
    }
    return n;
  }

  /**
   * The chance, with {@code hypothesis} equally likely next hops, of stopping at one of the points n(1)..n(k-1)
   * (having seen exactly that many) or of having seen exactly k after {@code total} probes.
   */
  private static double failure(int[] n, int k, int total, int hypothesis) {
    double[] seen = new double[hypothesis + 1];
    seen[1] = 1;
    double stopped = 0;
    for (int sent = 1; sent < total; sent++) {
      for (int j = 1; j < k; j++) {
        if (n[j] == sent) {
          stopped += seen[j];
          seen[j] = 0;
        }
      }
      double[] next = new double[hypothesis + 1];
      for (int s = 1; s <= hypothesis; s++) {
        next[s] += seen[s] * s / hypothesis;
        if (s < hypothesis) {
          next[s + 1] += seen[s] * (hypothesis - s) / hypothesis;
        }
      }
      seen = next;
    }
    for (int j = 1; j < k; j++) {
      if (n[j] == total) {
        stopped += seen[j];
      }
    }
    return stopped + seen[k];
  }

  @Override
  public String toString() {
    return "MdaStoppingRule[alpha=" + alpha + ", n=" + Arrays.toString(Arrays.copyOfRange(n, 1, 9)) + "…]";
  }
}
