package io.netprobe.http;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CDN or proxy that answered in front of the origin, and why netprobe thinks so.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider which one
 * @param evidence what gave it away, one phrase each ({@code "server: cloudflare"}, {@code "remote IP 104.21.12.115
 *     is in Cloudflare's ranges (2026-11)"})
 * @param cacheStatus the edge's cache verdict ({@code DYNAMIC}, {@code HIT}, {@code MISS}, …), when it said
 * @param location the edge location (Cloudflare colo such as {@code ICN}, CloudFront POP), when it said
 * @param requestId the edge's request id ({@code cf-ray}, {@code x-amz-cf-id}, …), when it sent one
 */
public record EdgeInfo(EdgeProvider provider, List<String> evidence, Optional<String> cacheStatus,
    Optional<String> location, Optional<String> requestId) {

  public EdgeInfo {
    Objects.requireNonNull(provider, "provider");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(cacheStatus, "cacheStatus");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(requestId, "requestId");
  }
}
