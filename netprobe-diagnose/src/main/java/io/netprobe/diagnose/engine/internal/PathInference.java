package io.netprobe.diagnose.engine.internal;

import io.netprobe.diagnose.NetworkPath;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.OriginHint;
import io.netprobe.edge.EdgeCatalog;
import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Infers the path as the seed did: addresses in Cloudflare's ranges and Cloudflare's headers mean an edge in front
 * of the origin (its colo from {@code cf-ray}); a {@code csrftoken} cookie means Django behind it. The HTTP backend's
 * own edge detection is used when it made one. Stateless; thread-safe.
 */
final class PathInference {
  private PathInference() {}

  private static final EdgeCatalog EDGES = EdgeCatalog.shipped();
  /** When Cloudflare published the shipped ranges, named in the evidence so a stale list shows. */
  private static final String CLOUDFLARE_RANGES_DATE = EDGES.rangesPublishedOn(EdgeProvider.CLOUDFLARE)
      .orElseThrow(() -> new IllegalStateException("no Cloudflare ranges shipped")).toString();

  static NetworkPath infer(List<InetAddress> addresses, List<String> cnameTargets, Optional<HttpProbeResult> http,
      Optional<InetAddress> origin) {
    List<InetAddress> inCloudflare = addresses.stream()
        .filter(a -> EDGES.inRanges(EdgeProvider.CLOUDFLARE, a)).toList();
    Map<String, EdgeProvider> edgeNames = new LinkedHashMap<>();
    for (String target : cnameTargets) {
      EDGES.providerOfCname(target).ifPresent(p -> edgeNames.put(target, p));
    }
    Optional<EdgeInfo> edge = http.flatMap(HttpProbeResult::edge);
    HttpHeaders headers = http.map(HttpProbeResult::headers).orElse(HttpHeaders.empty());
    if (edge.isEmpty()) {
      edge = cloudflareFromHeaders(headers, inCloudflare);
    }
    if (edge.isEmpty() && !edgeNames.isEmpty()) {
      Map.Entry<String, EdgeProvider> first = edgeNames.entrySet().iterator().next();
      edge = Optional.of(new EdgeInfo(first.getValue(), List.of("CNAME " + first.getKey()), Optional.empty(),
          Optional.empty(), Optional.empty()));
    } else if (edge.isPresent()) {
      EdgeProvider provider = edge.get().provider();
      List<String> names = edgeNames.entrySet().stream().filter(e -> e.getValue() == provider)
          .map(Map.Entry::getKey).toList();
      if (!names.isEmpty()) {
        List<String> evidence = new ArrayList<>(edge.get().evidence());
        names.forEach(n -> evidence.add("CNAME " + n));
        edge = Optional.of(new EdgeInfo(provider, evidence, edge.get().cacheStatus(), edge.get().location(),
            edge.get().requestId()));
      }
    }
    if (edge.isPresent() && edge.get().provider() == EdgeProvider.CLOUDFLARE && !inCloudflare.isEmpty()) {
      edge = Optional.of(withRangeEvidence(edge.get(), inCloudflare));
    }
    return new NetworkPath(edge, inCloudflare, List.copyOf(edgeNames.keySet()), originHints(http, headers), origin);
  }

  private static Optional<EdgeInfo> cloudflareFromHeaders(HttpHeaders headers, List<InetAddress> inCloudflare) {
    List<String> evidence = new ArrayList<>();
    headers.first("server").filter(s -> s.trim().equalsIgnoreCase("cloudflare"))
        .ifPresent(s -> evidence.add("server: " + s));
    headers.first("cf-ray").ifPresent(r -> evidence.add("cf-ray: " + r));
    headers.first("cf-cache-status").ifPresent(c -> evidence.add("cf-cache-status: " + c));
    if (evidence.isEmpty() && inCloudflare.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> colo = headers.first("cf-ray").flatMap(PathInference::coloOf);
    return Optional.of(new EdgeInfo(EdgeProvider.CLOUDFLARE, evidence, headers.first("cf-cache-status"), colo,
        headers.first("cf-ray")));
  }

  /** The IATA code after the last dash of a {@code cf-ray} value ({@code 8f1c2d3e4a5b6c7d-ICN}). */
  static Optional<String> coloOf(String cfRay) {
    int dash = cfRay.lastIndexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String code = cfRay.substring(dash + 1).trim().toUpperCase(Locale.ROOT);
    return code.matches("[A-Z]{3}") ? Optional.of(code) : Optional.empty();
  }

  private static EdgeInfo withRangeEvidence(EdgeInfo edge, List<InetAddress> inCloudflare) {
    List<String> evidence = new ArrayList<>(edge.evidence());
    evidence.add("A/AAAA " + String.join(", ", inCloudflare.stream().map(HostParser::format).toList())
        + " in Cloudflare's ranges (" + CLOUDFLARE_RANGES_DATE + ")");
    Optional<String> location = edge.location().isPresent() ? edge.location()
        : edge.requestId().flatMap(PathInference::coloOf);
    return new EdgeInfo(edge.provider(), evidence, edge.cacheStatus(), location, edge.requestId());
  }

  private static List<OriginHint> originHints(Optional<HttpProbeResult> http, HttpHeaders headers) {
    Map<String, OriginHint> byTechnology = new LinkedHashMap<>();
    http.ifPresent(r -> r.originHints().forEach(h -> byTechnology.putIfAbsent(h.technology(), h)));
    for (String cookie : headers.all("set-cookie")) {
      String name = cookie.contains("=") ? cookie.substring(0, cookie.indexOf('=')).trim() : cookie.trim();
      if (name.equals("csrftoken") || name.equals("sessionid")) {
        byTechnology.putIfAbsent("Django", new OriginHint("Django", "set-cookie: " + name));
      }
    }
    headers.first("x-powered-by").ifPresent(p -> byTechnology.putIfAbsent(p, new OriginHint(p, "x-powered-by: " + p)));
    return List.copyOf(byTechnology.values());
  }
}
