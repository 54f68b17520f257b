package io.netprobe.icmp;

/**
 * Receives the state of an mtr after every cycle, for live views. Called from the probing thread; must be quick
 * and must not throw.
 */
@FunctionalInterface
public interface MtrListener {
  void onCycle(MtrResult snapshot);

  /** A listener that does nothing. */
  MtrListener NONE = snapshot -> {};
}
