package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.RecordType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A scripted {@link io.netprobe.spi.DnsBackend}. Names not scripted answer NXDOMAIN; a scripted name asked for a type
 * it has no records of answers NODATA — as an authoritative server would. It scripts the wire only — the rcode, the
 * sections, silence — and what a response means (NODATA, NXDOMAIN, SERVFAIL…) is read by netprobe-core, as for the
 * real backend ({@link DnsResult.Builder#failureFromResponse(String)}).
 *
 * <pre>{@code
 * new FakeDnsBackend()
 *     .address("quizai.juwonpark.me", "172.67.152.70", "104.21.12.115")
 *     .records("example.com", RecordType.MX, "10 mail.example.com.")
 *     .fail("broken.example", FailureKind.SERVER_FAILURE)
 *     .fail("gone.example", FailureKind.NAME_NOT_FOUND)        // NXDOMAIN
 *     .delay("slow.example", Duration.ofSeconds(3))
 *     .silent("dropped.example");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeDnsBackend extends ScriptedBackend<DnsSpec, DnsResult>
    implements io.netprobe.spi.DnsBackend {
  /** A fake with nothing scripted yet. */
  public FakeDnsBackend() {}

  private static final InetSocketAddress SERVER = new InetSocketAddress(FakeAddresses.parse("127.0.0.53"), 53);
  private static final Duration TTL = Duration.ofSeconds(300);

  private final List<String> knownNames = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A and AAAA records for {@code name}, TTL 300 like the seed's Cloudflare answer. */
  public FakeDnsBackend address(String name, String... addresses) {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (String a : addresses) {
      InetAddress ip = FakeAddresses.parse(a);
      (ip instanceof Inet6Address ? v6 : v4).add(io.netprobe.core.Host.of(ip).ascii());
    }
    if (!v4.isEmpty()) {
      records(name, RecordType.A, v4.toArray(String[]::new));
    }
    if (!v6.isEmpty()) {
      records(name, RecordType.AAAA, v6.toArray(String[]::new));
    }
    return this;
  }

  /** Records of one type for {@code name}, data in presentation form ({@code "10 mail.example.com."}). */
  public FakeDnsBackend records(String name, RecordType type, String... data) {
    String owner = normalize(name);
    knownNames.add(owner);
    script(q -> q.name().equals(owner) && q.type().equals(type), q -> {
      List<DnsAnswer> answers = new ArrayList<>();
      for (String d : data) {
        answers.add(new DnsAnswer(q.absoluteName(), TTL, "IN", type, d));
      }
      return response(q, "NOERROR", answers, List.of());
    });
    return this;
  }

  /**
   * Records that only {@code server} (an IP literal) gives for {@code name}: questions sent to other servers get the
   * other rules' answers. For testing fan-out ({@code DnsRequest.fanOut()}) and propagation checks.
   */
  public FakeDnsBackend recordsAt(String server, String name, RecordType type, String... data) {
    InetAddress address = FakeAddresses.parse(server);
    String owner = normalize(name);
    knownNames.add(owner);
    script(q -> q.name().equals(owner) && q.type().equals(type) && !q.servers().isEmpty()
        && address.equals(q.servers().get(0).getAddress()), q -> {
          List<DnsAnswer> answers = new ArrayList<>();
          for (String d : data) {
            answers.add(new DnsAnswer(q.absoluteName(), TTL, "IN", type, d));
          }
          return response(q, "NOERROR", answers, List.of());
        });
    return this;
  }

  /** {@code name} is an alias of {@code target}; questions for it answer with the CNAME followed by the target's records. */
  public FakeDnsBackend cname(String name, String target) {
    String owner = normalize(name);
    String to = normalize(target);
    knownNames.add(owner);
    script(q -> q.name().equals(owner), q -> {
      List<DnsAnswer> answers = new ArrayList<>();
      answers.add(new DnsAnswer(q.absoluteName(), TTL, "IN", RecordType.CNAME, to + "."));
      if (!q.type().equals(RecordType.CNAME)) {
        DnsSpec forTarget = new DnsSpec(to, to, q.type(), q.servers(), q.forceTcp(), q.ednsBufferSize(),
            q.dnssec(), q.recursion(), q.tries(), q.timeout());
        DnsResult targetResult = query(forTarget, Deadline.after(q.timeout()));
        answers.addAll(targetResult.answers());
      }
      return response(q, "NOERROR", answers, List.of());
    });
    return this;
  }

  /**
   * Questions for {@code name} fail with {@code kind}. Kinds a server says with an rcode are scripted as that rcode
   * (SERVER_FAILURE as SERVFAIL, REFUSED, PROTOCOL_ERROR as FORMERR, NAME_NOT_FOUND as NXDOMAIN with the zone's SOA,
   * NO_DATA as an empty NOERROR); the others (TIMEOUT, NETWORK_ERROR, CONNECTION_REFUSED, …) as a query that got no
   * response. {@code fail(name, NAME_NOT_FOUND)} is how a name is made not to exist (names never scripted do not
   * exist either).
   */
  public FakeDnsBackend fail(String name, FailureKind kind) {
    String owner = normalize(name);
    String rcode = switch (kind) {
      case SERVER_FAILURE -> "SERVFAIL";
      case REFUSED -> "REFUSED";
      case PROTOCOL_ERROR -> "FORMERR";
      case NAME_NOT_FOUND -> "NXDOMAIN";
      case NO_DATA -> "NOERROR";
      default -> null;
    };
    if (kind == FailureKind.NAME_NOT_FOUND) {
      knownNames.remove(owner);
    }
    if (rcode != null) {
      return rcode(name, rcode);
    }
    script(q -> q.name().equals(owner), q -> failureResult(q, ProbeFailure.of(kind, "scripted " + kind
        + " for " + q.absoluteName() + ": no response")));
    return this;
  }

  /**
   * Questions for {@code name} get a response with {@code rcode} ({@code SERVFAIL}, {@code REFUSED}, {@code
   * NOTIMP}, …) and empty sections, except for NXDOMAIN and NOERROR, which carry the zone's SOA in the authority
   * section as an authoritative server sends it.
   *
   * @throws IllegalArgumentException when {@code rcode} is not an rcode mnemonic
   */
  public FakeDnsBackend rcode(String name, String rcode) {
    String upper = rcode.toUpperCase(Locale.ROOT);
    if (!upper.matches("[A-Z]{4,9}")) {
      throw new IllegalArgumentException("rcode '" + rcode + "' must be a mnemonic such as SERVFAIL or REFUSED");
    }
    String owner = normalize(name);
    boolean withSoa = upper.equals("NXDOMAIN") || upper.equals("NOERROR");
    script(q -> q.name().equals(owner), q -> response(q, upper, List.of(), withSoa ? List.of(soa(q)) : List.of()));
    return this;
  }

  /**
   * Questions for {@code name} are answered {@code delay} later than scripted (or time out when that passes the
   * deadline). Independent of the order of rules.
   */
  public FakeDnsBackend delay(String name, Duration delay) {
    String owner = normalize(name);
    delayWhen(q -> q.name().equals(owner), delay);
    return this;
  }

  /** Questions for {@code name} get no answer: they time out at the deadline. */
  public FakeDnsBackend silent(String name) {
    String owner = normalize(name);
    silentWhen(q -> q.name().equals(owner));
    return this;
  }

  /** Questions sent to {@code server} (an IP literal) get no answer, whatever the name: they time out at the deadline.
   */
  public FakeDnsBackend silentServer(String server) {
    InetAddress address = FakeAddresses.parse(server);
    silentWhen(q -> q.servers().stream().anyMatch(s -> address.equals(s.getAddress())));
    return this;
  }

  @Override
  public DnsResult query(DnsSpec query, Deadline deadline) {
    return answer(query, deadline, f -> failureResult(query, f), this::fallback);
  }

  @Override
  public CompletableFuture<DnsResult> queryAsync(DnsSpec query, Deadline deadline, ProbeEngine engine) {
    return answerAsync(query, deadline, engine, f -> failureResult(query, f), this::fallback);
  }

  /**
   * Every question at once, each by the batch deadline or its own query timeout, results in input order: scripted
   * delays are timers on the engine, so a batch holds no thread.
   */
  @Override
  public CompletableFuture<io.netprobe.dns.DnsBatchResult> queryBatchAsync(io.netprobe.dns.DnsBatchSpec batch,
      Deadline deadline, ProbeEngine engine) {
    Instant started = Instant.now();
    List<CompletableFuture<DnsResult>> each = new ArrayList<>();
    for (DnsSpec q : batch.queries()) {
      each.add(queryAsync(q, deadline.atMost(batch.queryTimeout()), engine));
    }
    return inOrder(each).thenApply(results -> new io.netprobe.dns.DnsBatchResult(results, id(), started,
        deadline.elapsed(), java.util.Optional.empty()));
  }

  private DnsResult fallback(DnsSpec q) {
    return knownNames.contains(q.name()) ? response(q, "NOERROR", List.of(), List.of(soa(q))) : nameNotFound(q);
  }

  private DnsResult nameNotFound(DnsSpec q) {
    return response(q, "NXDOMAIN", List.of(), List.of(soa(q)));
  }

  private static DnsAnswer soa(DnsSpec q) {
    String[] labels = q.name().split("\\.");
    String zone = labels.length >= 2 ? labels[labels.length - 2] + "." + labels[labels.length - 1] + "." : ".";
    return new DnsAnswer(zone, Duration.ofSeconds(3600), "IN", RecordType.SOA,
        "ns1." + zone + " hostmaster." + zone + " 2026112401 7200 3600 1209600 300");
  }

  /** A response as a server sends it; core reads what its rcode and sections mean. */
  private DnsResult response(DnsSpec q, String rcode, List<DnsAnswer> answers, List<DnsAnswer> authority) {
    EnumSet<DnsFlag> flags = EnumSet.of(DnsFlag.QR, DnsFlag.RA);
    if (q.recursion()) {
      flags.add(DnsFlag.RD);
    }
    return DnsResult.builder(q)
        .server(q.servers().isEmpty() ? SERVER : q.servers().get(0))
        .transport(q.forceTcp() ? DnsTransport.TCP : DnsTransport.UDP)
        .queryTime(Duration.ofMillis(1))
        .messageSize(12 + 20 * (answers.size() + authority.size()))
        .header(new DnsHeader(ThreadLocalRandom.current().nextInt(65536), "QUERY", rcode, flags))
        .answers(answers)
        .authority(authority)
        .attempts(1)
        .backend(ID)
        .started(Instant.now())
        .elapsed(Duration.ofMillis(1))
        .failureFromResponse()
        .build();
  }

  private DnsResult failureResult(DnsSpec q, ProbeFailure f) {
    return DnsResult.builder(q).server(q.servers().isEmpty() ? SERVER : q.servers().get(0))
        .attempts(q.tries()).backend(ID).started(Instant.now()).elapsed(Duration.ZERO).failure(f).build();
  }

  private static String normalize(String name) {
    return Normalized.dnsName(name.toLowerCase(Locale.ROOT));
  }
}
