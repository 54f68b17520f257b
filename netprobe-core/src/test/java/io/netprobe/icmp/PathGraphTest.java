package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A diamond: one router, two load-balanced ones, a join, the destination. */
class PathGraphTest {

  private static Optional<InetAddress> a(String s) throws Exception {
    return Optional.of(InetAddress.getByName(s));
  }

  @Test
  void countsThePathsThroughADiamond() throws Exception {
    PathGraph g = new PathGraph(List.of(
        new PathGraph.PathHop(1, a("10.0.0.1"), 10),
        new PathGraph.PathHop(2, a("10.0.1.2"), 5), new PathGraph.PathHop(2, a("10.0.2.2"), 5),
        new PathGraph.PathHop(3, a("10.0.3.1"), 10),
        new PathGraph.PathHop(4, a("10.0.4.2"), 10)),
        List.of(new PathGraph.PathLink(1, a("10.0.0.1"), a("10.0.1.2")),
            new PathGraph.PathLink(1, a("10.0.0.1"), a("10.0.2.2")),
            new PathGraph.PathLink(2, a("10.0.1.2"), a("10.0.3.1")),
            new PathGraph.PathLink(2, a("10.0.2.2"), a("10.0.3.1")),
            new PathGraph.PathLink(3, a("10.0.3.1"), a("10.0.4.2"))), 0.95, 10, 40, true);
    assertThat(g.ttls()).containsExactly(1, 2, 3, 4);
    assertThat(g.width()).isEqualTo(2);
    assertThat(g.pathCount()).isEqualTo(2);
    assertThat(g.at(2)).extracting(PathGraph.PathHop::address).containsExactly(a("10.0.1.2"), a("10.0.2.2"));
  }

  @Test
  void aSinglePathIsOne() throws Exception {
    PathGraph g = new PathGraph(List.of(new PathGraph.PathHop(1, a("10.0.0.1"), 8),
        new PathGraph.PathHop(2, Optional.empty(), 8)),
        List.of(new PathGraph.PathLink(1, a("10.0.0.1"), Optional.empty())), 0.95, 8, 16, true);
    assertThat(g.pathCount()).isEqualTo(1);
    assertThat(g.width()).isEqualTo(1);
  }
}
