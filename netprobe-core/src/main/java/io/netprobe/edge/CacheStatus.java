package io.netprobe.edge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalises the cache verdicts of CDNs and caches ({@code cf-cache-status: HIT}, {@code x-cache: Hit from
 * cloudfront}, {@code x-cache: TCP_MISS}, RFC 9211 {@code cache-status: "Netlify Edge"; fwd=miss}) to one word:
 * HIT, MISS, EXPIRED, STALE, UPDATING, REVALIDATED, BYPASS, DYNAMIC, PASS, ERROR or NONE; anything else is kept in
 * upper case. Stateless; thread-safe.
 */
final class CacheStatus {
  private static final List<String[]> TOKENS = List.of(
      new String[] {"STALE", "STALE"},
      new String[] {"UPDATING", "UPDATING"},
      new String[] {"EXPIRED", "EXPIRED"},
      new String[] {"REFRESH", "REVALIDATED"},
      new String[] {"REVALIDATED", "REVALIDATED"},
      new String[] {"PRERENDER", "HIT"},
      new String[] {"BYPASS", "BYPASS"},
      new String[] {"NOCACHE", "DYNAMIC"},
      new String[] {"DYNAMIC", "DYNAMIC"},
      new String[] {"HIT", "HIT"},
      new String[] {"MISS", "MISS"},
      new String[] {"PASS", "PASS"},
      new String[] {"ERROR", "ERROR"},
      new String[] {"NONE", "NONE"},
      new String[] {"UNKNOWN", "NONE"});

  private CacheStatus() {}

  /** One verdict word; for comma lists ({@code MISS, HIT}) the last entry, the cache nearest the client. */
  static Optional<String> normalize(String raw) {
    String[] parts = raw.split(",");
    String last = parts[parts.length - 1].strip().toUpperCase(Locale.ROOT);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    for (String[] t : TOKENS) {
      if (last.contains(t[0])) {
        return Optional.of(t[1]);
      }
    }
    return Optional.of(last);
  }

  /** The verdict of the outermost cache in an RFC 9211 {@code Cache-Status} field (caches append themselves). */
  static Optional<String> fromCacheStatusField(String field) {
    String[] members = field.split(",");
    String outermost = members[members.length - 1].toLowerCase(Locale.ROOT);
    for (String param : outermost.split(";")) {
      String p = param.strip();
      if (p.equals("hit")) {
        return Optional.of("HIT");
      }
      if (p.startsWith("fwd=")) {
        String why = p.substring(4);
        return Optional.of(why.equals("stale") ? "STALE" : why.equals("bypass") ? "BYPASS" : "MISS");
      }
    }
    return Optional.empty();
  }
}
