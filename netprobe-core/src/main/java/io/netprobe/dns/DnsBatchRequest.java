package io.netprobe.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
  private final DnsRequest options;
  /** Its queries are the parsed questions (name, input, PTR for literals); the options are applied by query(). */
  private final DnsBatchSpec batch;

  private DnsBatchRequest(DnsRequest options, DnsBatchSpec batch) {
    this.options = options;
    this.batch = batch;
  }

  /**
   * Use {@code ProbeClient.dnsBatch(Collection)}; {@code runner} runs the batch and gives the default query
   * options. Every name is checked at once.
   *
   * @throws IllegalArgumentException naming the first invalid name and its position
   */
  public static DnsBatchRequest create(ProbeRunner runner, Collection<String> names) {
    java.util.Objects.requireNonNull(names, "names");
    DnsRequest options = DnsRequest.create(runner, ".");
    List<DnsSpec> copy = new ArrayList<>(names.size());
    int i = 0;
    for (String name : names) {
      try {
        copy.add(options.questionFor(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("name " + i + " of the batch: " + e.getMessage(), e);
      }
      i++;
    }
    Duration timeout = runner.timeout().compareTo(Duration.ofMinutes(1)) > 0 ? runner.timeout()
        : Duration.ofMinutes(1);
    return new DnsBatchRequest(options, new DnsBatchSpec(copy, DnsBatchSpec.DEFAULT_MAX_IN_FLIGHT,
        DnsBatchSpec.DEFAULT_QUERY_TIMEOUT, timeout));
  }

  private DnsBatchRequest with(DnsRequest o) {
    return new DnsBatchRequest(o, batch);
  }

  private DnsBatchRequest with(DnsBatchSpec b) {
    return new DnsBatchRequest(options, b);
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
    Validate.inRange("maxInFlight", maxInFlight, 1, DnsBatchSpec.MAX_IN_FLIGHT);
    return with(batch.withMaxInFlight(maxInFlight));
  }

  /**
   * How long one question may take, its tries and servers included; 2 s by default.
   *
   * @throws IllegalArgumentException when not positive or longer than an hour
   */
  public DnsBatchRequest queryTimeout(Duration queryTimeout) {
    return with(batch.withQueryTimeout(Validate.timeout(queryTimeout)));
  }

  /** The deadline of the whole batch; one minute by default (or the client's timeout when longer). */
  @Override
  public DnsBatchRequest timeout(Duration timeout) {
    return with(batch.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return batch.timeout();
  }

  /** The batch a backend receives. */
  public DnsBatchSpec spec() {
    DnsSpec o = options.spec();
    List<DnsSpec> questions = batch.queries();
    DnsSpec[] asked = new DnsSpec[questions.size()];
    for (int i = 0; i < asked.length; i++) {
      asked[i] = DnsRequest.ask(o, questions.get(i));
    }
    return batch.withQueries(List.of(asked));
  }

  @Override
  public DnsBatchResult run() {
    DnsBatchSpec b = spec();
    return options.runner().run(b, Deadline.after(b.timeout()));
  }

  @Override
  public CompletableFuture<DnsBatchResult> runAsync() {
    DnsBatchSpec b = spec();
    return options.runner().runAsync(b, Deadline.after(b.timeout()));
  }

  @Override
  public String toString() {
    return "DnsBatchRequest[" + batch.queries().size() + " names, maxInFlight=" + batch.maxInFlight() + ", "
        + options + "]";
  }
}
