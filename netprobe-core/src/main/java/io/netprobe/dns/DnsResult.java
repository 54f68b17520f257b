package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.http.TlsInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.annotation.Nullable;

/**
 * The answer to one DNS question: what dig prints, as values. A NOERROR response with answers is a success; NODATA,
 * NXDOMAIN, SERVFAIL, REFUSED, timeouts and network errors are failures ({@link io.netprobe.core.FailureKind#NO_DATA},
 * {@link io.netprobe.core.FailureKind#NAME_NOT_FOUND}, …) that still carry whatever the server sent — the SOA in the
 * authority section of an NXDOMAIN, for example.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(DnsSpec)}.
 *
 * @param query what was asked
 * @param server the server that gave this answer (or the last one tried), when any was reached
 * @param transport UDP or TCP, for the answer that counted
 * @param queryTime the round trip of the attempt that produced the answer (dig's "Query time")
 * @param messageSize the size of the response on the wire (dig's "MSG SIZE rcvd")
 * @param header the response header, when a response came
 * @param edns the response's EDNS data, when it had an OPT record
 * @param answers the answer section
 * @param authority the authority section
 * @param additional the additional section (without the OPT pseudo-record)
 * @param attempts how many queries were sent in all (tries, servers and the TCP retry)
 * @param backend the backend id
 * @param started when the lookup started
 * @param elapsed how long the whole lookup took
 * @param failure why there is no answer; empty on success
 * @param tls for DNS over TLS or HTTPS, the TLS facts of the connection (version, cipher, certificates, problems)
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public record DnsResult(
    DnsSpec query,
    Optional<InetSocketAddress> server,
    Optional<DnsTransport> transport,
    Optional<Duration> queryTime,
    OptionalInt messageSize,
    Optional<DnsHeader> header,
    Optional<EdnsInfo> edns,
    List<DnsAnswer> answers,
    List<DnsAnswer> authority,
    List<DnsAnswer> additional,
    int attempts,
    String backend,
    Instant started,
    Duration elapsed,
    Optional<ProbeFailure> failure,
    Optional<TlsInfo> tls) implements ProbeResult {

  public DnsResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(queryTime, "queryTime");
    Objects.requireNonNull(messageSize, "messageSize");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(edns, "edns");
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(tls, "tls");
  }

  public static Builder builder(DnsSpec query) {
    return new Builder(query);
  }

  /** The response code mnemonic ({@code NOERROR}, {@code NXDOMAIN}, …), when a response came. */
  public Optional<String> rcode() {
    return header.map(DnsHeader::rcode);
  }

  /** The addresses of the A and AAAA records in the answer section, in order. */
  public List<InetAddress> addresses() {
    return answers.stream().flatMap(a -> a.address().stream()).toList();
  }

  /** The answer records of the asked type (leaving out the CNAME chain that may lead to them). */
  public List<DnsAnswer> answersOfQueriedType() {
    return answers.stream().filter(a -> a.type().equals(query.type())).toList();
  }

  @Override
  public DnsResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }

  /** Builds a {@link DnsResult}. Not thread-safe. */
  public static final class Builder {
    private final DnsSpec query;
    private @Nullable InetSocketAddress server;
    private @Nullable DnsTransport transport;
    private @Nullable Duration queryTime;
    private OptionalInt messageSize = OptionalInt.empty();
    private @Nullable DnsHeader header;
    private @Nullable EdnsInfo edns;
    private List<DnsAnswer> answers = List.of();
    private List<DnsAnswer> authority = List.of();
    private List<DnsAnswer> additional = List.of();
    private int attempts;
    private String backend = "unknown";
    /** Now, at build(), unless set: reading the clock for a value every backend sets showed in the profile. */
    private @Nullable Instant started;
    private Duration elapsed = Duration.ZERO;
    private @Nullable ProbeFailure failure;
    private @Nullable TlsInfo tls;

    private Builder(DnsSpec query) {
      this.query = Objects.requireNonNull(query, "query");
    }

    public Builder server(@Nullable InetSocketAddress server) {
      this.server = server;
      return this;
    }

    public Builder transport(@Nullable DnsTransport transport) {
      this.transport = transport;
      return this;
    }

    public Builder queryTime(@Nullable Duration queryTime) {
      this.queryTime = queryTime;
      return this;
    }

    public Builder messageSize(int bytes) {
      this.messageSize = OptionalInt.of(bytes);
      return this;
    }

    public Builder header(@Nullable DnsHeader header) {
      this.header = header;
      return this;
    }

    public Builder edns(@Nullable EdnsInfo edns) {
      this.edns = edns;
      return this;
    }

    public Builder answers(List<DnsAnswer> answers) {
      this.answers = answers;
      return this;
    }

    public Builder authority(List<DnsAnswer> authority) {
      this.authority = authority;
      return this;
    }

    public Builder additional(List<DnsAnswer> additional) {
      this.additional = additional;
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    public Builder started(Instant started) {
      this.started = Objects.requireNonNull(started, "started");
      return this;
    }

    public Builder elapsed(Duration elapsed) {
      this.elapsed = elapsed;
      return this;
    }

    /** The TLS facts of the connection, for DNS over TLS or HTTPS. */
    public Builder tls(@Nullable TlsInfo tls) {
      this.tls = tls;
      return this;
    }

    public Builder failure(@Nullable ProbeFailure failure) {
      this.failure = failure;
      return this;
    }

    /**
     * Sets the failure that the response set so far means — its header's rcode, its sections and Extended DNS
     * Errors, worded with the server — as dig reads it: none for NOERROR with answers, NO_DATA (or a referral),
     * NAME_NOT_FOUND, SERVER_FAILURE, REFUSED, and PROTOCOL_ERROR for any other rcode. Backends and fakes report
     * the response and call this, so that a response means the same whoever received it.
     *
     * @param context appended to the failure's message when not empty (e.g. what other servers answered)
     * @throws IllegalStateException when no header was set: a result without a response has no rcode to read
     */
    public Builder failureFromResponse(String context) {
      if (header == null) {
        throw new IllegalStateException("failureFromResponse() needs the response's header; set header(…) first");
      }
      ProbeFailure f = DnsOutcomes.failure(query, header, answers, authority, Optional.ofNullable(edns), server);
      this.failure = f == null || context.isEmpty() ? f : ProbeFailure.of(f.kind(), f.message() + " " + context);
      return this;
    }

    /** {@link #failureFromResponse(String)} without context. */
    public Builder failureFromResponse() {
      return failureFromResponse("");
    }

    public DnsResult build() {
      return new DnsResult(query, Optional.ofNullable(server), Optional.ofNullable(transport),
          Optional.ofNullable(queryTime), messageSize, Optional.ofNullable(header), Optional.ofNullable(edns), answers,
          authority, additional, attempts, backend, started == null ? Instant.now() : started, elapsed,
          Optional.ofNullable(failure),
          Optional.ofNullable(tls));
    }
  }
}
