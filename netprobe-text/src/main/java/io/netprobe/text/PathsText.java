package io.netprobe.text;

import io.netprobe.icmp.PathGraph;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The text of an all-paths traceroute (MDA): a header with the confidence and what it cost, the interfaces at each
 * TTL (with how many flows reached each where there are several), and the links between consecutive TTLs, one line
 * per interface and its successors — like scamper's {@code tracelb} output. Stateless; thread-safe.
 */
public final class PathsText {
  private PathsText() {}

  /** The whole rendering; for a result without a graph, {@link TracerouteText#render}. */
  public static String render(TracerouteResult r) {
    if (r.paths().isEmpty()) {
      return TracerouteText.render(r);
    }
    PathGraph g = r.paths().get();
    String target = r.address().map(Formats::address).orElse(r.spec().host().ascii());
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "traceroute to %s (%s): all paths, MDA %s%% confidence, %d flows, %d probes, %d %s%s%n",
        r.spec().host().input(), target, percent(g.confidence()), g.flows(), g.probesSent(), g.pathCount(),
        g.pathCount() == 1 ? "path" : "paths", g.complete() ? "" : " (incomplete: flow limit or deadline)"));
    for (int ttl : g.ttls()) {
      List<PathGraph.PathHop> here = g.at(ttl);
      sb.append(String.format(Locale.ROOT, "%2d ", ttl));
      for (PathGraph.PathHop h : here) {
        sb.append(' ').append(name(h.address()));
        if (here.size() > 1) {
          sb.append(" (").append(h.flows()).append(h.flows() == 1 ? " flow)" : " flows)");
        }
      }
      sb.append('\n');
    }
    if (!g.links().isEmpty()) {
      sb.append("links:\n");
      Map<String, List<String>> successors = new LinkedHashMap<>();
      for (PathGraph.PathLink l : g.links()) {
        successors.computeIfAbsent(String.format(Locale.ROOT, "%2d  %s", l.ttl(), name(l.from())),
            k -> new ArrayList<>()).add(name(l.to()));
      }
      successors.forEach((from, to) -> sb.append(from).append(" -> ").append(String.join(", ", to)).append('\n'));
    }
    r.failure().ifPresent(f -> sb.append("traceroute: ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  private static String name(Optional<InetAddress> address) {
    return address.map(Formats::address).orElse("*");
  }

  private static String percent(double confidence) {
    double p = confidence * 100;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
  }
}
