package io.netprobe.dns;

import io.netprobe.internal.net.HostParser;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link DnsResult} the way dig 9.18 prints a response, from {@code ;; Got answer:} to
 * {@code MSG SIZE rcvd}, with BIND's column layout (tab stops of 8; TTL, class, type and data at columns 24, 32, 40
 * and 48). Stateless; thread-safe.
 */
final class DigText {
  private static final int TTL_COLUMN = 24;
  private static final int CLASS_COLUMN = 32;
  private static final int TYPE_COLUMN = 40;
  private static final int DATA_COLUMN = 48;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

  private DigText() {}

  static String render(DnsResult r) {
    StringBuilder out = new StringBuilder();
    if (r.header().isEmpty()) {
      out.append(";; ").append(r.failure().map(f -> f.message()).orElse("no answer")).append('\n');
      return out.toString();
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
    // dig does not count the ';' when it lines up the question
    Line q = new Line().text(r.query().absoluteName()).to(TTL_COLUMN).to(CLASS_COLUMN).text("IN").to(TYPE_COLUMN)
        .text(r.query().type().mnemonic());
    out.append(';').append(q.text).append("\n\n");
    section(out, "ANSWER", r.answers());
    section(out, "AUTHORITY", r.authority());
    section(out, "ADDITIONAL", r.additional());
    out.append(";; Query time: ").append(r.queryTime().map(d -> d.toMillis()).orElse(0L)).append(" msec\n");
    r.server().ifPresent(s -> {
      String ip = s.getAddress() == null ? s.getHostString() : HostParser.format(s.getAddress());
      out.append(";; SERVER: ").append(ip).append('#').append(s.getPort()).append('(').append(ip).append(") (")
          .append(r.transport().map(Enum::name).orElse("UDP")).append(")\n");
    });
    out.append(";; WHEN: ").append(WHEN.format(r.started().atZone(ZoneId.systemDefault()))).append('\n');
    r.messageSize().ifPresent(n -> out.append(";; MSG SIZE  rcvd: ").append(n).append('\n'));
    return out.toString();
  }

  private static void edns(StringBuilder out, EdnsInfo e) {
    out.append(";; OPT PSEUDOSECTION:\n; EDNS: version: ").append(e.version()).append(", flags:")
        .append(e.dnssecOk() ? " do" : "").append("; udp: ").append(e.udpSize()).append('\n');
    e.nsid().ifPresent(text -> {
      out.append("; NSID:");
      for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
        out.append(String.format(" %02x", b & 0xff));
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
      Line line = new Line().text(a.name()).to(TTL_COLUMN).text(String.valueOf(a.ttl().getSeconds()))
          .to(CLASS_COLUMN).text(a.dnsClass()).to(TYPE_COLUMN).text(a.type().mnemonic()).to(DATA_COLUMN)
          .text(a.data());
      out.append(line.text).append('\n');
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
