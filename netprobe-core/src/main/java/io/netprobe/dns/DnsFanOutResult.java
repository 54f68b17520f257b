package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
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
 * netprobe-text's {@code ClassicText.summary(result)} says it in one sentence ({@code 8.8.8.8 and 1.1.1.1 disagree
 * on …}).
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
}
