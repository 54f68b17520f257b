package io.netprobe.text;

import io.netprobe.http.CertificateInfo;
import io.netprobe.http.TlsInfo;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.ConversationStep;
import io.netprobe.sockets.TcpConversationResult;

/**
 * A TCP conversation as a transcript, the way {@code openssl s_client} or {@code nc} users read one: {@code >} for
 * what was sent, {@code <} for the line an expect matched, the TLS facts after TLS started, and the failing step.
 * Secret sends show as {@code <redacted>}; peers' lines are escaped. Stateless; thread-safe.
 */
public final class ConversationText {
  private ConversationText() {}

  /** The transcript, each line ending in a newline. */
  public static String render(TcpConversationResult r) {
    StringBuilder sb = new StringBuilder();
    String target = r.spec().host().ascii() + " port " + r.spec().port();
    if (r.address().isPresent() && r.local().isPresent()) {
      sb.append("* Connected to ").append(target).append(" (").append(Formats.address(r.address().get()))
          .append(") from ").append(Formats.address(r.local().get().getAddress())).append(':')
          .append(r.local().get().getPort()).append('\n');
    }
    boolean tlsShown = false;
    if (r.spec().tls() && r.tls().isPresent()) {
      tls(sb, r.tls().get());
      tlsShown = true;
    }
    for (ConversationRecord s : r.steps()) {
      if (!s.ok()) {
        sb.append("! step ").append(s.index()).append(' ').append(s.step().describe()).append(": ")
            .append(s.observed()).append('\n');
      } else if (s.step() instanceof ConversationStep.Expect e) {
        sb.append("< ").append(s.observed()).append("   (").append(e.describe()).append(")\n");
      } else if (s.step() instanceof ConversationStep.ExpectBytes e) {
        sb.append("< ").append(s.observed()).append("   (").append(e.describe()).append(")\n");
      } else if (s.step() instanceof ConversationStep.StartTls) {
        sb.append("* STARTTLS\n");
        r.tls().ifPresent(t -> tls(sb, t));
      } else {
        sb.append("> ").append(s.observed()).append('\n');
      }
    }
    if (!tlsShown && r.spec().tls() && r.tls().isEmpty() && r.failure().isPresent()) {
      sb.append("* TLS did not start\n");
    }
    r.failure().ifPresent(f -> sb.append("conversation with ").append(target).append(" failed: ")
        .append(Formats.failure(f)).append('\n'));
    if (r.failure().isEmpty()) {
      sb.append("conversation with ").append(target).append(" succeeded (").append(r.steps().size())
          .append(" steps, ").append(Formats.ms(r.elapsed())).append(" ms)\n");
    }
    return sb.toString();
  }

  /** One line: {@code tcp 127.0.0.1:6379: 2 steps ok (TLSv1.3)} or the failure naming its step. */
  public static String summary(TcpConversationResult r) {
    String target = "tcp " + r.spec().host().uriHost() + ":" + r.spec().port() + ": ";
    if (r.failure().isPresent()) {
      return target + Formats.failure(r.failure().get());
    }
    return target + r.steps().size() + " steps ok" + r.tls().map(t -> " (" + t.protocol() + ")").orElse("")
        + " in " + Formats.ms(r.elapsed()) + " ms";
  }

  private static void tls(StringBuilder sb, TlsInfo t) {
    sb.append("* TLS ").append(t.protocol()).append(' ').append(t.cipherSuite())
        .append(t.verified() ? ", certificate verified" : ", certificate problems: " + t.problems()).append('\n');
    for (CertificateInfo c : t.chain()) {
      sb.append("*   subject: ").append(c.subject()).append("; SAN: ").append(String.join(", ",
          c.subjectAlternativeNames())).append("; expires ").append(c.notAfter()).append('\n');
    }
  }
}
