package io.netprobe.icmp;

/**
 * How hard an all-paths traceroute (MDA) looks: the confidence of finding every load-balanced path, the number of
 * branching nodes that confidence is split over, and a cap on the flows it may try.
 *
 * <p>Immutable and thread-safe.
 *
 * @param confidence the chance of finding every path, in (0, 1); 0.95 by default
 * @param maxBranching how many branching nodes the confidence is split over (libparistraceroute's 5 by default)
 * @param maxFlows the most distinct flows to try per TTL, so that a per-packet balancer cannot make it run forever
 */
public record MultipathOptions(double confidence, int maxBranching, int maxFlows) {
  public static final MultipathOptions DEFAULT = new MultipathOptions(0.95, 5, 128);

  public MultipathOptions {
    if (!(confidence > 0 && confidence < 1) || maxBranching < 1 || maxBranching > 64 || maxFlows < 6
        || maxFlows > 4096) {
      throw new IllegalArgumentException("need 0 < confidence < 1, maxBranching 1-64 and maxFlows 6-4096, was "
          + "confidence=" + confidence + ", maxBranching=" + maxBranching + ", maxFlows=" + maxFlows);
    }
  }

  /** The stopping rule these options give. */
  public MdaStoppingRule rule() {
    return MdaStoppingRule.forGraph(confidence, maxBranching);
  }
}
