package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.internal.net.HostParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The same question asked of several servers at once, and whether they agree — what a user checking DNS
 * propagation wants to know. Two servers agree when both answered with the same response code and the same answer
 * records (owner, type and data; TTLs and order are ignored). A server that did not answer agrees with nobody.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question (its server list is the servers asked)
 * @param results one result per server, in the order the servers were given
 * @param backend the backend id
 * @param started when the fan-out started
 * @param elapsed how long it took (the slowest server)
 * @param failure present only when no server answered at all
 */
public record DnsFanOutResult(DnsSpec query, List<DnsResult> results, String backend, Instant started,
    Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {

  public DnsFanOutResult {
    Objects.requireNonNull(query, "query");
    results = List.copyOf(results);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** True when every server answered and all answers are the same. */
  public boolean agree() {
    return groups().size() == 1 && results.stream().allMatch(r -> r.header().isPresent());
  }

  /**
   * The servers grouped by what they said: the key is the answer in short form ({@code "192.0.2.1, 192.0.2.2"},
   * {@code "NXDOMAIN"}, {@code "no answer (TIMEOUT)"}), in the order first seen.
   */
  public Map<String, List<InetSocketAddress>> groups() {
    Map<String, List<InetSocketAddress>> groups = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      DnsResult r = results.get(i);
      InetSocketAddress server = r.server().orElse(query.servers().get(i));
      groups.computeIfAbsent(said(r), k -> new ArrayList<>()).add(server);
    }
    return groups;
  }

  /**
   * One sentence: {@code "8.8.8.8 and 1.1.1.1 agree on quizai.juwonpark.me A: 172.67.152.70"} or
   * {@code "8.8.8.8 and 1.1.1.1 disagree on quizai.juwonpark.me A: 8.8.8.8 says …; 1.1.1.1 says …"}.
   */
  public String verdict() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      names.add(describe(results.get(i).server().orElse(query.servers().get(i))));
    }
    String who = names.size() <= 2 ? String.join(" and ", names)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    String question = query.name() + " " + query.type();
    if (agree()) {
      return who + " agree on " + question + ": " + groups().keySet().iterator().next();
    }
    String detail = groups().entrySet().stream()
        .map(e -> e.getValue().stream().map(DnsFanOutResult::describe).collect(Collectors.joining(", "))
            + (e.getValue().size() == 1 ? " says " : " say ") + e.getKey())
        .collect(Collectors.joining("; "));
    return who + " disagree on " + question + ": " + detail;
  }

  private static String said(DnsResult r) {
    if (r.header().isEmpty()) {
      return "no answer (" + r.failureKind().map(Enum::name).orElse("?") + ")";
    }
    String rcode = r.header().get().rcode();
    if (r.answers().isEmpty()) {
      return rcode.equals("NOERROR") ? "NODATA" : rcode;
    }
    String records = r.answers().stream()
        .map(a -> (a.name().equalsIgnoreCase(r.query().absoluteName()) ? "" : a.name().toLowerCase(Locale.ROOT)
            + " " + a.type() + " ") + a.data())
        .sorted().collect(Collectors.joining(", "));
    return rcode.equals("NOERROR") ? records : rcode + " " + records;
  }

  private static String describe(InetSocketAddress s) {
    String host = s.getAddress() == null ? s.getHostString() : HostParser.format(s.getAddress());
    return s.getPort() == 53 ? host : host + "#" + s.getPort();
  }
}
