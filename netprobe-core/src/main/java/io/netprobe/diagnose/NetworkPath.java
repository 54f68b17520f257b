package io.netprobe.diagnose;

import io.netprobe.http.EdgeInfo;
import io.netprobe.http.OriginHint;
import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The path a request takes, as the seed inferred it: A records in Cloudflare's ranges plus {@code server: cloudflare}
 * mean "client → Cloudflare edge (colo ICN) → origin", and a {@code csrftoken} cookie says the origin runs Django.
 *
 * <p>Immutable and thread-safe.
 *
 * @param edge the CDN or proxy that answered, when one was recognised
 * @param edgeAddresses the resolved addresses that lie in a known CDN's ranges
 * @param edgeNames the CNAME targets that belong to a known CDN ({@code shop.global.prod.fastly.net})
 * @param originHints clues about the software behind the edge
 * @param origin the origin address, when the caller named it ({@link DiagnosisRequest#origin(String)})
 */
public record NetworkPath(Optional<EdgeInfo> edge, List<InetAddress> edgeAddresses, List<String> edgeNames,
    List<OriginHint> originHints, Optional<InetAddress> origin) {

  public NetworkPath {
    Objects.requireNonNull(edge, "edge");
    edgeAddresses = List.copyOf(edgeAddresses);
    edgeNames = List.copyOf(edgeNames);
    originHints = List.copyOf(originHints);
    Objects.requireNonNull(origin, "origin");
  }

  /** No edge recognised, nothing known about the origin. */
  public static NetworkPath direct() {
    return new NetworkPath(Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
  }

  /** True when a CDN or proxy answers in front of the origin. */
  public boolean hasEdge() {
    return edge.isPresent();
  }

  /** True when DNS itself points at the CDN (its address ranges or its CNAME targets), not only its headers. */
  public boolean edgeInDns() {
    return !edgeAddresses.isEmpty() || !edgeNames.isEmpty();
  }

  /** The path in English: {@code client → Cloudflare edge (colo ICN) → origin (Django)}. */
  public String describe() {
    List<String> nodes = new ArrayList<>();
    nodes.add("client");
    edge.ifPresent(e -> nodes.add(e.provider().displayName() + " edge"
        + e.location().map(l -> " (colo " + l + ")").orElse("")));
    String detail = originDetail();
    nodes.add((edge.isPresent() ? "origin" : "server") + (detail.isEmpty() ? "" : " (" + detail + ")"));
    return String.join(" → ", nodes);
  }

  /** What is known about the origin, for a path rendering: {@code 203.0.113.7, Django}; empty when nothing is. */
  public String originDetail() {
    List<String> parts = new ArrayList<>();
    origin.ifPresent(a -> parts.add(HostParser.format(a)));
    originHints.stream().map(OriginHint::technology).distinct().forEach(parts::add);
    return String.join(", ", parts);
  }
}
