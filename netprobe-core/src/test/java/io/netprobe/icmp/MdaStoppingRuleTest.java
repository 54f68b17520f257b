package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The MDA stopping rule against the table in the notes (computed; n1–n6 match the published MDA table). */
class MdaStoppingRuleTest {

  @Test
  void perNodeAlphaFivePercentGivesThePublishedTable() {
    MdaStoppingRule rule = MdaStoppingRule.perNode(0.05);
    assertThat(IntStream.rangeClosed(1, 10).map(rule::probesNeeded).toArray())
        .containsExactly(6, 11, 16, 21, 27, 33, 39, 45, 51, 57);
    assertThat(rule.probesNeeded(12)).isEqualTo(70);
    assertThat(rule.probesNeeded(16)).isEqualTo(96);
  }

  @Test
  void graphConfidenceIsSplitOverTheBranchingNodes() {
    MdaStoppingRule rule = MdaStoppingRule.forGraph(0.95, 5);
    assertThat(rule.alpha()).isBetween(0.0102, 0.0103);
    assertThat(IntStream.rangeClosed(1, 8).map(rule::probesNeeded).toArray())
        .containsExactly(8, 15, 21, 28, 36, 43, 50, 58);
    assertThat(rule.probesNeeded(16)).isEqualTo(123);
  }

  @Test
  void singleNextHopNeedsHalfToThePowerOfProbesBelowAlpha() {
    // with 2 equally likely next hops, n probes all take the same one with probability 2^-(n-1)
    assertThat(MdaStoppingRule.perNode(0.5).probesNeeded(1)).isEqualTo(2);
    assertThat(MdaStoppingRule.perNode(0.01).probesNeeded(1)).isEqualTo(8);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> MdaStoppingRule.perNode(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> MdaStoppingRule.forGraph(0.95, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBranching");
    assertThatThrownBy(() -> MdaStoppingRule.perNode(0.05).probesNeeded(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
