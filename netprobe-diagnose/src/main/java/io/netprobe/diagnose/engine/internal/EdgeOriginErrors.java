package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.Verdict;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.internal.net.HostParser;
import io.netprobe.text.ClassicText;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict for a CDN edge that answers with one of Cloudflare's own origin error codes (520–527, 530): each code
 * says what happened between the edge and the origin, and the direct probe of the origin (when one was named) says
 * more. Every verdict's next step follows from that evidence: a certificate for 525/526, a slow application for
 * 524, an invalid response for 520, the origin's DNS record for 530, a dead or walled-off origin for 521–523.
 * Stateless apart from the observations; thread-safe.
 */
final class EdgeOriginErrors {
  /** Cloudflare's own error codes: the edge answers, but not with the origin's response. */
  static final Set<Integer> CLOUDFLARE_CODES = Set.of(520, 521, 522, 523, 524, 525, 526, 527, 530);

  private final Observations seen;

  EdgeOriginErrors(Observations seen) {
    this.seen = seen;
  }

  /** The verdict for {@code status} from {@code provider}; adds the direct probe of the origin to the evidence. */
  Verdict verdict(String provider, String statusLine, int status, List<String> evidence) {
    String host = seen.host().ascii();
    Optional<HttpProbeResult> direct = seen.origin().flatMap(ProbeAttempt::get);
    String origin = seen.spec().origin().map(HostParser::format).orElse("");
    direct.ifPresent(o -> evidence.add("origin " + origin + " directly: " + ClassicText.summary(o)));
    Optional<Layer> http = Optional.of(Layer.HTTP);
    switch (status) {
      case 526: {
        Optional<ProbeFailure> certificate = direct.flatMap(HttpProbeResult::failure)
            .filter(f -> certificateFinding(f.kind()).isPresent());
        if (certificate.isPresent()) {
          ProbeFailure f = certificate.get();
          return Verdict.of(certificateFinding(f.kind()).get(), Optional.of(Layer.ORIGIN), evidence, provider,
              statusLine, origin, f.message(), host);
        }
        return Verdict.of(Finding.ORIGIN_CERTIFICATE_REJECTED, http, evidence, provider, statusLine, host);
      }
      case 525:
        return Verdict.of(Finding.ORIGIN_TLS_HANDSHAKE_FAILED, http, evidence, provider, statusLine, host);
      case 524:
        return Verdict.of(Finding.ORIGIN_TOO_SLOW_BEHIND_EDGE, http, evidence, provider, statusLine);
      case 520:
        return Verdict.of(Finding.ORIGIN_INVALID_RESPONSE_BEHIND_EDGE, http, evidence, provider, statusLine);
      case 530:
        return Verdict.of(Finding.EDGE_ORIGIN_DNS_ERROR, http, evidence, provider, statusLine);
      default:
        break;
    }
    String meaning = switch (status) {
      case 521 -> "web server is down";
      case 522 -> "connection timed out";
      case 523 -> "origin is unreachable";
      default -> "unknown error";
    };
    if (direct.isEmpty()) {
      return Verdict.of(Finding.EDGE_CANNOT_REACH_ORIGIN, http, evidence, provider, statusLine, meaning);
    }
    HttpProbeResult o = direct.get();
    if (!o.isSuccess() || o.status().orElse(0) >= 500) {
      String how = o.failure().map(ClassicText::failure).orElse("HTTP " + o.status().orElse(0));
      return Verdict.of(Finding.ORIGIN_DOWN_BEHIND_EDGE, Optional.of(Layer.ORIGIN), evidence, provider, statusLine,
          origin, how);
    }
    return Verdict.of(Finding.EDGE_CANNOT_REACH_HEALTHY_ORIGIN, http, evidence, provider, statusLine, meaning,
        origin, o.finalHop().map(HttpHop::statusLine).orElse(""));
  }

  /** What the direct probe's certificate failure says about the origin's certificate. */
  private static Optional<Finding> certificateFinding(FailureKind kind) {
    return switch (kind) {
      case TLS_CERTIFICATE_EXPIRED -> Optional.of(Finding.ORIGIN_CERTIFICATE_EXPIRED);
      case TLS_CERTIFICATE_NOT_YET_VALID -> Optional.of(Finding.ORIGIN_CERTIFICATE_NOT_YET_VALID);
      case TLS_UNTRUSTED -> Optional.of(Finding.ORIGIN_CERTIFICATE_UNTRUSTED);
      case TLS_HOSTNAME_MISMATCH -> Optional.of(Finding.ORIGIN_CERTIFICATE_WRONG_NAME);
      default -> Optional.empty();
    };
  }
}
