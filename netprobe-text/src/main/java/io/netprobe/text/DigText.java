package io.netprobe.text;

import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import io.netprobe.dns.EdnsInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code dig}'s text for a {@link DnsResult}: the response as dig 9.18 prints it, from {@code ;; Got answer:} to
 * {@code MSG SIZE rcvd}, with BIND's column layout (tab stops of 8; TTL, class, type and data at columns 24, 32, 40
 * and 48); {@code dig +short}; and the one-line summary. Stateless; thread-safe.
 */
public final class DigText {
  private static final int TTL_COLUMN = 24;
  private static final int CLASS_COLUMN = 32;
  private static final int TYPE_COLUMN = 40;
  private static final int DATA_COLUMN = 48;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

  private DigText() {}

  /**
   * The response as dig prints it, from {@code ;; Got answer:} to {@code ;; MSG SIZE  rcvd:} (the WHEN line in this
   * machine's time zone); for a result without a response, the failure as one comment line
   * ({@code ;; TIMEOUT: …}).
   */
  public static String render(DnsResult r) {
    return render(r, ZoneId.systemDefault());
  }

  /**
   * dig's whole output for a command line: {@code ; <<>> netprobe dig <<>> arguments}, then {@link #render(DnsResult)}
   * and, after a response, the blank line dig ends with.
   */
  public static String render(DnsResult r, String arguments) {
    return "; <<>> netprobe dig <<>> " + arguments + "\n" + render(r) + (r.header().isPresent() ? "\n" : "");
  }

  /** {@code dig +short}: the data of each answer record, one a line. */
  public static String renderShort(DnsResult r) {
    return r.answers().stream().map(a -> a.data() + "\n").collect(Collectors.joining());
  }

  /**
   * {@code dig +short +identify}, which is how a fan-out prints short: each answer's data and who sent it,
   * {@code 192.0.2.7 from server 127.0.0.1 in 3 ms.}
   */
  public static String renderShortIdentified(DnsResult r) {
    String from = r.server().map(s -> from(s, r.queryTime().orElse(r.elapsed()))).orElse("");
    return r.answers().stream().map(a -> a.data() + from).collect(Collectors.joining());
  }

  /**
   * {@code dig +trace +short}: the answer records of every step, type first, and who sent them,
   * {@code A 192.0.2.7 from server 127.0.0.1 in 3 ms.} (referrals carry no answers, so in practice the last step).
   */
  public static String renderShortTrace(DnsTraceResult r) {
    StringBuilder out = new StringBuilder();
    for (DnsTraceStep step : r.steps()) {
      for (DnsAnswer a : step.response().answers()) {
        out.append(a.type()).append(' ').append(a.data()).append(from(step.server(), step.time()));
      }
    }
    return out.toString();
  }

  private static String from(InetSocketAddress server, Duration time) {
    return " from server " + Formats.host(server) + " in " + time.toMillis() + " ms.\n";
  }

  /**
   * One line: {@code CNAME edge.example.; A 192.0.2.1, 192.0.2.2 (TTL 300) from 127.0.0.1#5353}, or
   * {@code status: NOERROR, no AAAA records}, or {@code status: NXDOMAIN — NAME_NOT_FOUND: …}.
   */
  public static String summary(DnsResult r) {
    if (r.failureKind().filter(k -> k == FailureKind.NO_DATA).isPresent()) {
      return "status: " + r.rcode().orElse("NOERROR") + ", no " + r.query().type() + " records";
    }
    if (r.failure().isPresent()) {
      String rcode = r.rcode().map(c -> "status: " + c + " — ").orElse("");
      return rcode + Formats.failure(r.failure().get());
    }
    List<String> parts = new ArrayList<>();
    for (DnsAnswer a : r.answers()) {
      if (!a.type().equals(r.query().type())) {
        parts.add(a.type() + " " + a.data());
      }
    }
    List<DnsAnswer> own = r.answersOfQueriedType();
    if (!own.isEmpty()) {
      parts.add(r.query().type() + " " + own.stream().map(DnsAnswer::data).collect(Collectors.joining(", "))
          + " (TTL " + own.get(0).ttl().getSeconds() + ")");
    }
    String server = r.server().map(s -> " from " + Formats.host(s) + (s.getPort() == 53 ? "" : "#" + s.getPort()))
        .orElse("");
    return String.join("; ", parts) + server;
  }

  static String render(DnsResult r, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    if (r.header().isEmpty()) {
      return out.append(";; ").append(r.failure().map(Formats::failure).orElse("no response")).append('\n')
          .toString();
    }
    DnsHeader h = r.header().get();
    int additional = r.additional().size() + (r.edns().isPresent() ? 1 : 0);
    out.append(";; Got answer:\n");
    out.append(";; ->>HEADER<<- opcode: ").append(h.opcode()).append(", status: ").append(h.rcode())
        .append(", id: ").append(h.id()).append('\n');
    out.append(";; flags:");
    for (DnsFlag f : DnsFlag.values()) {
      if (h.has(f)) {
        out.append(' ').append(f.name().toLowerCase(Locale.ROOT));
      }
    }
    out.append("; QUERY: 1, ANSWER: ").append(r.answers().size()).append(", AUTHORITY: ")
        .append(r.authority().size()).append(", ADDITIONAL: ").append(additional).append('\n');
    if (h.has(DnsFlag.RD) && !h.has(DnsFlag.RA)) {
      out.append(";; WARNING: recursion requested but not available\n");
    }
    out.append('\n');
    r.edns().ifPresent(e -> edns(out, e));
    out.append(";; QUESTION SECTION:\n");
    // dig does not count the ';' when it lines up the question, and a question has no TTL column to pass
    Line q = new Line().text(r.query().absoluteName()).to(CLASS_COLUMN).text("IN").to(TYPE_COLUMN)
        .text(r.query().type().mnemonic());
    out.append(';').append(q.text).append("\n\n");
    section(out, "ANSWER", r.answers());
    section(out, "AUTHORITY", r.authority());
    section(out, "ADDITIONAL", r.additional());
    out.append(";; Query time: ").append(r.queryTime().map(d -> d.toMillis()).orElse(0L)).append(" msec\n");
    r.server().ifPresent(s -> {
      String ip = Formats.host(s);
      out.append(";; SERVER: ").append(ip).append('#').append(s.getPort()).append('(').append(ip).append(") (")
          .append(r.transport().map(Enum::name).orElse("UDP")).append(")\n");
    });
    out.append(";; WHEN: ").append(WHEN.format(r.started().atZone(zone))).append('\n');
    r.messageSize().ifPresent(n -> out.append(";; MSG SIZE  rcvd: ").append(n).append('\n'));
    return out.toString();
  }

  /** One record in dig's columns: {@code example.test.\t\t300\tIN\tA\t192.0.2.1}. */
  static String record(DnsAnswer a) {
    return new Line().text(a.name()).to(TTL_COLUMN).text(String.valueOf(a.ttl().getSeconds())).to(CLASS_COLUMN)
        .text(a.dnsClass()).to(TYPE_COLUMN).text(a.type().mnemonic()).to(DATA_COLUMN).text(a.data()).text.toString();
  }

  private static void edns(StringBuilder out, EdnsInfo e) {
    out.append(";; OPT PSEUDOSECTION:\n; EDNS: version: ").append(e.version()).append(", flags:")
        .append(e.dnssecOk() ? " do" : "").append("; udp: ").append(e.udpSize()).append('\n');
    e.nsid().ifPresent(text -> {
      out.append("; NSID:");
      for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
        out.append(String.format(Locale.ROOT, " %02x", b & 0xff));
      }
      out.append(" (\"").append(text).append("\")\n");
    });
    for (EdnsInfo.ExtendedDnsError ede : e.extendedErrors()) {
      out.append("; EDE: ").append(ede.code()).append(" (").append(ede.name()).append(')')
          .append(ede.extraText().isEmpty() ? "" : ": (" + ede.extraText() + ")").append('\n');
    }
  }

  private static void section(StringBuilder out, String title, List<DnsAnswer> records) {
    if (records.isEmpty()) {
      return;
    }
    out.append(";; ").append(title).append(" SECTION:\n");
    for (DnsAnswer a : records) {
      out.append(record(a)).append('\n');
    }
    out.append('\n');
  }

  /** A line and the column it has reached, tabs counted to the next multiple of 8. Not thread-safe. */
  private static final class Line {
    final StringBuilder text = new StringBuilder();
    int column;

    Line text(String s) {
      text.append(s);
      column += s.length();
      return this;
    }

    /** BIND's rule: tabs towards the column (at least one character of separation), spaces for the rest. */
    Line to(int target) {
      int to = Math.max(target, column + 1);
      int tabs = to / 8 - column / 8;
      if (tabs > 0) {
        text.append("\t".repeat(tabs));
        column = (to / 8) * 8;
      }
      text.append(" ".repeat(to - column));
      column = to;
      return this;
    }
  }
}
