/** Fake backends for every netprobe capability, and the contract test kit every real backend passes. */
module io.netprobe.testing {
  requires transitive io.netprobe.core;
  requires static jsr305;
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;

  exports io.netprobe.testing;
  exports io.netprobe.testing.contract;
}
