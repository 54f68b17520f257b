package io.netprobe.text;

import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text of the DNS probes beyond one lookup: {@code dig +trace}, the fan-out to several servers, a DNSSEC
 * validation in {@code delv}'s words, and a batch. Records are in dig's columns ({@link DigText#record}). Stateless;
 * thread-safe.
 */
final class DnsToolsText {
  private DnsToolsText() {}

  /**
   * {@code dig +trace}: for each step the answer and authority records it returned, then
   * {@code ;; Received 239 bytes from 198.41.0.4#53(a.root-servers.net) in 20 ms} (or the failure of a server that
   * did not answer) and a blank line; the trace's failure last.
   */
  static String render(DnsTraceResult r) {
    StringBuilder sb = new StringBuilder();
    for (DnsTraceStep step : r.steps()) {
      DnsResult response = step.response();
      response.answers().forEach(a -> sb.append(DigText.record(a)).append('\n'));
      response.authority().forEach(a -> sb.append(DigText.record(a)).append('\n'));
      String from = Formats.host(step.server()) + "#" + step.server().getPort() + "(" + step.serverName() + ")";
      if (response.messageSize().isPresent()) {
        sb.append(";; Received ").append(response.messageSize().getAsInt()).append(" bytes from ").append(from)
            .append(" in ").append(step.time().toMillis()).append(" ms\n");
      }
      if (step.kind() == DnsTraceStep.Kind.FAILED) {
        sb.append(";; failed at ").append(from).append(": ")
            .append(response.failure().map(Formats::failure).orElse("the referral leads nowhere")).append('\n');
      }
      sb.append('\n');
    }
    r.failure().ifPresent(f -> sb.append(";; ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  /** One line: {@code via . → test. → example.test.: A 192.0.2.1 (TTL 300) from 192.0.2.53}, or the failure. */
  static String summary(DnsTraceResult r) {
    String outcome = r.answer().map(DigText::summary)
        .orElseGet(() -> r.failure().map(Formats::failure).orElse("no answer"));
    List<String> zones = r.zones();
    return zones.isEmpty() ? outcome : "via " + String.join(" → ", zones) + ": " + outcome;
  }

  /**
   * Each server's answer in the order the servers were given ({@code ;; 8.8.8.8: status: NOERROR} and its answer
   * records in dig's columns, or {@code ;; 1.1.1.1: TIMEOUT: …}), a blank line after each, then the verdict.
   */
  static String render(DnsFanOutResult r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.results().size(); i++) {
      DnsResult one = r.results().get(i);
      InetSocketAddress server = one.server().orElse(r.query().servers().get(i));
      sb.append(";; ").append(describe(server)).append(": ");
      if (one.header().isEmpty()) {
        sb.append(one.failure().map(Formats::failure).orElse("no response")).append('\n');
      } else {
        sb.append("status: ").append(one.header().get().rcode()).append('\n');
        one.answers().forEach(a -> sb.append(DigText.record(a)).append('\n'));
      }
      sb.append('\n');
    }
    return sb.append(summary(r)).append('\n').toString();
  }

  /**
   * One sentence: {@code 8.8.8.8 and 1.1.1.1 agree on example.com A: 192.0.2.1}, or who said what when they
   * disagree.
   */
  static String summary(DnsFanOutResult r) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < r.results().size(); i++) {
      names.add(describe(r.results().get(i).server().orElse(r.query().servers().get(i))));
    }
    String who = names.size() <= 2 ? String.join(" and ", names)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    String question = r.query().name() + " " + r.query().type();
    Map<String, List<InetSocketAddress>> groups = r.groups();
    if (r.agree()) {
      return who + " agree on " + question + ": " + groups.keySet().iterator().next();
    }
    String detail = groups.entrySet().stream()
        .map(e -> e.getValue().stream().map(DnsToolsText::describe).collect(Collectors.joining(", "))
            + (e.getValue().size() == 1 ? " says " : " say ") + e.getKey())
        .collect(Collectors.joining("; "));
    return who + " disagree on " + question + ": " + detail;
  }

  /**
   * In delv's words: {@code ; fully validated}, {@code ; unsigned answer}, {@code ; validation failed (bogus)} or
   * {@code ; not validated}; the validator's reason; the answer records (signatures included); the failure last.
   */
  static String render(DnsValidationResult r) {
    StringBuilder sb = new StringBuilder("; ").append(r.status().map(DnsToolsText::verdict).orElse("not validated"))
        .append('\n');
    r.reason().ifPresent(reason -> sb.append("; reason: ").append(reason).append('\n'));
    for (DnsAnswer a : r.response().answers()) {
      sb.append(DigText.record(a)).append('\n');
    }
    r.failure().ifPresent(f -> sb.append(";; ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  /**
   * One line: {@code DNSSEC SECURE: A 192.0.2.1 (TTL 300) from 127.0.0.1#5353}, or
   * {@code DNSSEC BOGUS (reason): status: SERVFAIL — SERVER_FAILURE: …}.
   */
  static String summary(DnsValidationResult r) {
    String status = r.status().map(s -> "DNSSEC " + s + r.reason().map(x -> " (" + x + ")").orElse(""))
        .orElse("DNSSEC not validated");
    String outcome = r.failure().isPresent() && r.response().failure().isEmpty()
        ? Formats.failure(r.failure().get()) : DigText.summary(r.response());
    return status + ": " + outcome;
  }

  /** One line per question ({@code example.test A: A 192.0.2.1 (TTL 300) from …}), then the batch's summary. */
  static String render(DnsBatchResult r) {
    StringBuilder sb = new StringBuilder();
    for (DnsResult one : r.results()) {
      sb.append(one.query().name()).append(' ').append(one.query().type()).append(": ").append(DigText.summary(one))
          .append('\n');
    }
    return sb.append(";; ").append(summary(r)).append('\n').toString();
  }

  /**
   * One line: {@code 1000 questions: 997 answered with records, NAME_NOT_FOUND 2, TIMEOUT 1; 4200 queries/s}, or
   * why the batch could not run.
   */
  static String summary(DnsBatchResult r) {
    if (r.failure().isPresent()) {
      return Formats.failure(r.failure().get());
    }
    List<String> parts = new ArrayList<>();
    parts.add(r.succeeded() + " answered with records");
    for (Map.Entry<FailureKind, Long> e : r.failureCounts().entrySet()) {
      parts.add(e.getKey() + " " + e.getValue());
    }
    int n = r.results().size();
    return n + (n == 1 ? " question: " : " questions: ") + String.join(", ", parts)
        + String.format(Locale.ROOT, "; %.0f queries/s", r.queriesPerSecond());
  }

  private static String verdict(DnssecStatus s) {
    return switch (s) {
      case SECURE -> "fully validated";
      case INSECURE -> "unsigned answer";
      case BOGUS -> "validation failed (bogus)";
    };
  }

  /** A server as the fan-out's verdict names it: the address, with {@code #port} when it is not 53. */
  private static String describe(InetSocketAddress s) {
    String host = Formats.host(s);
    return s.getPort() == 53 ? host : host + "#" + s.getPort();
  }
}
