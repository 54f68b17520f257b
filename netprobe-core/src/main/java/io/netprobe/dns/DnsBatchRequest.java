package io.netprobe.dns;

import io.netprobe.Deadline;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.DnsBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Many DNS questions at once, with a bounded number outstanding: the fast path for resolving thousands of names.
 * Results come back in input order, each with its own outcome; the options are those of {@link DnsRequest}.
 *
 * <pre>{@code
 * DnsBatchResult r = Probes.dnsBatch(names).server("127.0.0.1").type("AAAA").maxInFlight(512).run();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DnsBatchRequest implements ProbeRequest<DnsBatchResult, DnsBatchRequest> {
  /** One parsed question per name (name, input, PTR for literals), validated once; options applied at run time. */
  private final List<DnsQuery> names;
  private final DnsRequest options;
  private final int maxInFlight;
  private final Duration queryTimeout;
  private final Duration timeout;

  private DnsBatchRequest(List<DnsQuery> names, DnsRequest options, int maxInFlight, Duration queryTimeout,
      Duration timeout) {
    this.names = names;
    this.options = options;
    this.maxInFlight = maxInFlight;
    this.queryTimeout = queryTimeout;
    this.timeout = timeout;
  }

  /**
   * Use {@link io.netprobe.ProbeClient#dnsBatch(Collection)}. Every name is checked at once.
   *
   * @throws IllegalArgumentException naming the first invalid name and its position
   */
  public static DnsBatchRequest create(io.netprobe.ProbeClient client, Collection<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("the names of a DNS batch must not be null");
    }
    DnsRequest options = DnsRequest.create(client, ".");
    List<DnsQuery> copy = new ArrayList<>(names.size());
    int i = 0;
    for (String name : names) {
      try {
        copy.add(options.queryFor(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("name " + i + " of the batch: " + e.getMessage(), e);
      }
      i++;
    }
    Duration timeout = client.timeout().compareTo(Duration.ofMinutes(1)) > 0 ? client.timeout()
        : Duration.ofMinutes(1);
    return new DnsBatchRequest(List.copyOf(copy), options, DnsBatchQuery.DEFAULT_MAX_IN_FLIGHT,
        DnsBatchQuery.DEFAULT_QUERY_TIMEOUT, timeout);
  }

  private DnsBatchRequest with(DnsRequest o) {
    return new DnsBatchRequest(names, o, maxInFlight, queryTimeout, timeout);
  }

  /** See {@link DnsRequest#type(RecordType)}; IP literals in the batch still ask for PTR. */
  public DnsBatchRequest type(RecordType type) {
    return with(options.type(type));
  }

  /** See {@link DnsRequest#type(String)}. */
  public DnsBatchRequest type(String type) {
    return with(options.type(type));
  }

  /** See {@link DnsRequest#server(String)}. */
  public DnsBatchRequest server(String server) {
    return with(options.server(server));
  }

  /** See {@link DnsRequest#server(String, int)}. */
  public DnsBatchRequest server(String server, int port) {
    return with(options.server(server, port));
  }

  /** See {@link DnsRequest#ednsBufferSize(int)}. */
  public DnsBatchRequest ednsBufferSize(int bytes) {
    return with(options.ednsBufferSize(bytes));
  }

  /** See {@link DnsRequest#noEdns()}. */
  public DnsBatchRequest noEdns() {
    return with(options.noEdns());
  }

  /** See {@link DnsRequest#dnssec()}. */
  public DnsBatchRequest dnssec() {
    return with(options.dnssec());
  }

  /** See {@link DnsRequest#noRecursion()}. */
  public DnsBatchRequest noRecursion() {
    return with(options.noRecursion());
  }

  /** See {@link DnsRequest#tries(int)}: transmissions per question and server, spread over the query timeout. */
  public DnsBatchRequest tries(int tries) {
    return with(options.tries(tries));
  }

  /**
   * How many queries may be outstanding at once; 256 by default.
   *
   * @throws IllegalArgumentException outside 1–4096
   */
  public DnsBatchRequest maxInFlight(int maxInFlight) {
    Validate.inRange("maxInFlight", maxInFlight, 1, DnsBatchQuery.MAX_IN_FLIGHT);
    return new DnsBatchRequest(names, options, maxInFlight, queryTimeout, timeout);
  }

  /**
   * How long one question may take, its tries and servers included; 2 s by default.
   *
   * @throws IllegalArgumentException when not positive or longer than an hour
   */
  public DnsBatchRequest queryTimeout(Duration queryTimeout) {
    return new DnsBatchRequest(names, options, maxInFlight, Validate.timeout(queryTimeout), timeout);
  }

  /** The deadline of the whole batch; one minute by default (or the client's timeout when longer). */
  @Override
  public DnsBatchRequest timeout(Duration timeout) {
    return new DnsBatchRequest(names, options, maxInFlight, queryTimeout, Validate.timeout(timeout));
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  /** The batch a backend receives. */
  public DnsBatchQuery query() {
    DnsQuery o = options.query();
    List<DnsQuery> queries = new ArrayList<>(names.size());
    for (DnsQuery q : names) {
      RecordType type = q.type().equals(RecordType.PTR) ? RecordType.PTR : o.type();
      queries.add(new DnsQuery(q.name(), q.input(), type, o.servers(), o.forceTcp(), o.ednsBufferSize(), o.dnssec(),
          o.recursion(), o.tries(), o.timeout()));
    }
    return new DnsBatchQuery(queries, maxInFlight, queryTimeout, timeout);
  }

  @Override
  public DnsBatchResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout);
    DnsBatchQuery batch = query();
    return ProbeExecution.call(() -> options.client().backend(DnsBackend.class).queryBatch(batch, deadline),
        failureResult(batch, started, deadline));
  }

  @Override
  public CompletableFuture<DnsBatchResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout);
    DnsBatchQuery batch = query();
    return ProbeExecution.callAsync(() -> options.client().backend(DnsBackend.class).queryBatch(batch, deadline),
        failureResult(batch, started, deadline), options.client().executor(), timeout);
  }

  private static Function<ProbeFailure, DnsBatchResult> failureResult(DnsBatchQuery batch, Instant started,
      Deadline deadline) {
    return f -> {
      List<DnsResult> each = batch.queries().stream().map(q -> DnsResult.builder(q).backend("none")
          .started(started).elapsed(deadline.elapsed()).failure(f).build()).toList();
      return new DnsBatchResult(each, "none", started, deadline.elapsed(), Optional.of(f));
    };
  }

  @Override
  public String toString() {
    return "DnsBatchRequest[" + names.size() + " names, maxInFlight=" + maxInFlight + ", " + options + "]";
  }
}
