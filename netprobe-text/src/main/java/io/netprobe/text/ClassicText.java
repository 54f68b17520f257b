package io.netprobe.text;

import io.netprobe.core.Redaction;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.net.InetAddress;
import java.util.List;

/**
 * Any netprobe result as the classic tool prints it ({@code render}) or in one line ({@code summary}, what the
 * diagnosis report and the exporter's debug page show per probe). Rendered text ends with a newline; summaries have
 * none. Secret header values are redacted. The per-tool classes ({@link DigText}, {@link CurlText},
 * {@link PingText}, {@link TracerouteText}, {@link SsText}, {@link NcText}) hold the single lines and variants.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClassicText {
  private ClassicText() {}

  /** dig's response, {@code ;; Got answer:} to {@code ;; MSG SIZE  rcvd:}; see {@link DigText#render(DnsResult)}. */
  public static String render(DnsResult r) {
    return Redaction.text(DigText.render(r));
  }

  /** {@code dig +trace}: each step's records and where they came from. */
  public static String render(DnsTraceResult r) {
    return Redaction.text(DnsToolsText.render(r));
  }

  /** Each server's answer, then whether they agree. */
  public static String render(DnsFanOutResult r) {
    return Redaction.text(DnsToolsText.render(r));
  }

  /** The DNSSEC verdict in delv's words, the reason, the answer records. */
  public static String render(DnsValidationResult r) {
    return Redaction.text(DnsToolsText.render(r));
  }

  /** One line per question, then the batch's counts. */
  public static String render(DnsBatchResult r) {
    return Redaction.text(DnsToolsText.render(r));
  }

  /** {@code curl -sIL}'s status lines and headers, then netprobe's {@code *} lines; see {@link CurlText}. */
  public static String render(HttpProbeResult r) {
    return Redaction.text(CurlText.render(r));
  }

  /** iputils ping's output, first line to statistics; see {@link PingText}. */
  public static String render(PingResult r) {
    return Redaction.text(PingText.render(r));
  }

  /** fping's output: {@code host is alive} or {@code host is unreachable}, one host a line. */
  public static String render(PingSweepResult r) {
    return Redaction.text(PingText.render(r));
  }

  /** {@code traceroute -n}'s output (with names when the trace looked them up); see {@link TracerouteText}. */
  public static String render(TracerouteResult r) {
    return Redaction.text(TracerouteText.render(r));
  }

  /** {@code ss -tulnp}'s table with netprobe's exposure column; see {@link SsText}. */
  public static String render(ListeningSocketsResult r) {
    return Redaction.text(SsText.render(r));
  }

  /** {@code nc -zv}'s verdict on the port; see {@link NcText}. */
  public static String render(TcpConnectResult r) {
    return Redaction.text(NcText.render(r));
  }

  /**
   * Any of the results above, by its type.
   *
   * @throws IllegalArgumentException for a result type no classic tool prints
   */
  public static String render(ProbeResult r) {
    if (r instanceof DnsResult d) {
      return render(d);
    } else if (r instanceof DnsTraceResult d) {
      return render(d);
    } else if (r instanceof DnsFanOutResult d) {
      return render(d);
    } else if (r instanceof DnsValidationResult d) {
      return render(d);
    } else if (r instanceof DnsBatchResult d) {
      return render(d);
    } else if (r instanceof HttpProbeResult h) {
      return render(h);
    } else if (r instanceof PingResult p) {
      return render(p);
    } else if (r instanceof PingSweepResult p) {
      return render(p);
    } else if (r instanceof TracerouteResult t) {
      return render(t);
    } else if (r instanceof ListeningSocketsResult s) {
      return render(s);
    } else if (r instanceof TcpConnectResult t) {
      return render(t);
    } else if (r instanceof io.netprobe.sockets.TcpConversationResult c) {
      return ConversationText.render(c);
    } else if (r instanceof io.netprobe.grpc.GrpcHealthResult g) {
      return GrpcText.render(g);
    }
    throw unknown(r);
  }

  /** The records of the answer and where they came from; see {@link DigText#summary(DnsResult)}. */
  public static String summary(DnsResult r) {
    return Redaction.text(DigText.summary(r));
  }

  /** The zones walked and the answer at the end. */
  public static String summary(DnsTraceResult r) {
    return Redaction.text(DnsToolsText.summary(r));
  }

  /** Whether the servers agree, and on what. */
  public static String summary(DnsFanOutResult r) {
    return Redaction.text(DnsToolsText.summary(r));
  }

  /** The DNSSEC verdict and the answer. */
  public static String summary(DnsValidationResult r) {
    return Redaction.text(DnsToolsText.summary(r));
  }

  /** How many questions were answered, how many failed how, and the rate. */
  public static String summary(DnsBatchResult r) {
    return Redaction.text(DnsToolsText.summary(r));
  }

  /** The status lines, telling headers and TLS; see {@link CurlText#summary(HttpProbeResult)}. */
  public static String summary(HttpProbeResult r) {
    return Redaction.text(CurlText.summary(r));
  }

  /** Counts, loss and round trips; see {@link PingText#summary(PingResult)}. */
  public static String summary(PingResult r) {
    return Redaction.text(PingText.summary(r));
  }

  /** How many hosts are alive, and which are not. */
  public static String summary(PingSweepResult r) {
    return Redaction.text(PingText.summary(r));
  }

  /** Whether the target was reached, in how many hops, or where the answers stopped. */
  public static String summary(TracerouteResult r) {
    return Redaction.text(TracerouteText.summary(r));
  }

  /** Each listening socket with its owners and who can reach it. */
  public static String summary(ListeningSocketsResult r) {
    return Redaction.text(SsText.summary(r));
  }

  /** The address connected to and how long it took, or why not. */
  public static String summary(TcpConnectResult r) {
    return Redaction.text(NcText.summary(r));
  }

  /**
   * Any of the results above, by its type.
   *
   * @throws IllegalArgumentException for a result type no classic tool prints
   */
  public static String summary(ProbeResult r) {
    if (r instanceof DnsResult d) {
      return summary(d);
    } else if (r instanceof DnsTraceResult d) {
      return summary(d);
    } else if (r instanceof DnsFanOutResult d) {
      return summary(d);
    } else if (r instanceof DnsValidationResult d) {
      return summary(d);
    } else if (r instanceof DnsBatchResult d) {
      return summary(d);
    } else if (r instanceof HttpProbeResult h) {
      return summary(h);
    } else if (r instanceof PingResult p) {
      return summary(p);
    } else if (r instanceof PingSweepResult p) {
      return summary(p);
    } else if (r instanceof TracerouteResult t) {
      return summary(t);
    } else if (r instanceof ListeningSocketsResult s) {
      return summary(s);
    } else if (r instanceof TcpConnectResult t) {
      return summary(t);
    } else if (r instanceof io.netprobe.sockets.TcpConversationResult c) {
      return ConversationText.summary(c);
    } else if (r instanceof io.netprobe.grpc.GrpcHealthResult g) {
      return GrpcText.summary(g);
    }
    throw unknown(r);
  }

  /** A failure as every tool's text shows it: {@code CONNECTION_REFUSED: connection refused}. */
  public static String failure(ProbeFailure f) {
    return Redaction.text(Formats.failure(f));
  }

  /** Addresses as the classic tools print them (IPv6 compressed), comma-separated: {@code 192.0.2.1, ::1}. */
  public static String addresses(List<InetAddress> addresses) {
    return Formats.addresses(addresses);
  }

  private static IllegalArgumentException unknown(ProbeResult r) {
    return new IllegalArgumentException("no classic tool prints a " + r.getClass().getName() + "; known: DnsResult, "
        + "DnsTraceResult, DnsFanOutResult, DnsValidationResult, DnsBatchResult, HttpProbeResult, PingResult, "
        + "PingSweepResult, TracerouteResult, ListeningSocketsResult, TcpConnectResult");
  }
}
