package io.netprobe.micrometer;

import io.netprobe.core.ProbeSpec;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.dns.DnsSpec;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.TcpConnectSpec;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code kind} and {@code target} tags of a probe, bounded: kinds are a fixed set; a target is a host (with the
 * port or scheme where it tells probes apart), never a path, query or user info; after {@code maxTargets} distinct
 * targets every new one is tagged {@value #OTHER}. Thread-safe.
 */
final class ProbeTags {
  /** The target tag of probes beyond the limit, and of probes with no single target. */
  static final String OTHER = "other";

  private final int maxTargets;
  private final Set<String> targets = ConcurrentHashMap.newKeySet();

  ProbeTags(int maxTargets) {
    if (maxTargets < 1 || maxTargets > 10_000) {
      throw new IllegalArgumentException("maxTargets must be 1 to 10000, was " + maxTargets);
    }
    this.maxTargets = maxTargets;
  }

  /** {@code http}, {@code dns}, {@code tcp}, {@code ping}, {@code traceroute}, {@code sockets}, {@code diagnose}, … */
  static String kind(ProbeSpec<?> spec) {
    if (spec instanceof HttpProbeSpec) {
      return "http";
    } else if (spec instanceof DnsSpec) {
      return "dns";
    } else if (spec instanceof TcpConnectSpec) {
      return "tcp";
    } else if (spec instanceof PingSpec) {
      return "ping";
    } else if (spec instanceof TracerouteSpec) {
      return "traceroute";
    } else if (spec instanceof ListeningSocketsSpec) {
      return "sockets";
    } else if (spec instanceof DiagnosisSpec) {
      return "diagnose";
    }
    // other specs (batches, sweeps, traces) are few and fixed: their type names bound the tag
    String name = spec.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return name.endsWith("spec") ? name.substring(0, name.length() - 4) : name;
  }

  /** The target tag of {@code spec}, or {@value #OTHER} once {@code maxTargets} distinct targets were seen. */
  String target(ProbeSpec<?> spec) {
    String t = rawTarget(spec);
    if (t.equals(OTHER) || targets.contains(t)) {
      return t;
    }
    synchronized (targets) {
      if (targets.size() >= maxTargets && !targets.contains(t)) {
        return OTHER;
      }
      targets.add(t);
      return t;
    }
  }

  private static String rawTarget(ProbeSpec<?> spec) {
    if (spec instanceof HttpProbeSpec h) {
      return origin(h.url());
    } else if (spec instanceof DiagnosisSpec d) {
      return origin(d.url());
    } else if (spec instanceof DnsSpec d) {
      return d.name();
    } else if (spec instanceof TcpConnectSpec t) {
      return t.host().ascii() + ":" + t.port();
    } else if (spec instanceof PingSpec p) {
      return p.host().ascii();
    } else if (spec instanceof TracerouteSpec t) {
      return t.host().ascii();
    } else if (spec instanceof ListeningSocketsSpec) {
      return "localhost";
    }
    return OTHER;
  }

  /** {@code scheme://host[:port]}: no user info, path or query (secrets and unbounded values stay out of tags). */
  private static String origin(URI url) {
    String host = url.getHost() == null ? OTHER : url.getHost().toLowerCase(Locale.ROOT);
    return url.getScheme() + "://" + host + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
