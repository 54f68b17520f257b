package io.netprobe.dns;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.spi.DnsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * A lookup validated with DNSSEC from a trust anchor: secure, insecure or bogus, with the reason. The trust anchor
 * is the system's root key ({@code /usr/share/dns/root.key}, Debian's dns-root-data) unless one is given.
 *
 * <pre>{@code
 * DnsValidationResult r = Probes.dns("example.test").server("127.0.0.1", 5353).validate()
 *     .trustAnchor("example.test. 300 IN DNSKEY 257 3 13 mdss…").run();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DnsValidationRequest implements ProbeRequest<DnsValidationResult, DnsValidationRequest> {
  static final Path SYSTEM_ROOT_KEY = Path.of("/usr/share/dns/root.key");

  private final DnsRequest request;
  private final @Nullable String trustAnchors;

  DnsValidationRequest(DnsRequest request, @Nullable String trustAnchors) {
    this.request = request;
    this.trustAnchors = trustAnchors;
  }

  /**
   * Validates from these DS or DNSKEY records (zone-file syntax, one per line) instead of the root key.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public DnsValidationRequest trustAnchor(String records) {
    if (records == null || records.isBlank()) {
      throw new IllegalArgumentException("a trust anchor must be DS or DNSKEY records in zone-file syntax, not empty");
    }
    return new DnsValidationRequest(request, records);
  }

  /**
   * Validates from the DS or DNSKEY records in this file.
   *
   * @throws IllegalArgumentException when the file cannot be read
   */
  public DnsValidationRequest trustAnchorFile(Path file) {
    try {
      return trustAnchor(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the trust anchor file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public DnsValidationRequest timeout(Duration timeout) {
    return new DnsValidationRequest(request.timeout(timeout), trustAnchors);
  }

  @Override
  public Duration timeout() {
    return request.timeout();
  }

  @Override
  public DnsValidationResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    return ProbeExecution.call(() -> validate(deadline, started), failure(started, deadline));
  }

  @Override
  public CompletableFuture<DnsValidationResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    return ProbeExecution.callAsync(() -> validate(deadline, started), failure(started, deadline),
        request.client().executor(), timeout());
  }

  private DnsValidationResult validate(Deadline deadline, Instant started) {
    String anchors = trustAnchors;
    if (anchors == null) {
      try {
        anchors = Files.readString(SYSTEM_ROOT_KEY);
      } catch (IOException | SecurityException e) {
        return failure(started, deadline).apply(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "no trust anchor: "
            + SYSTEM_ROOT_KEY + " cannot be read (install dns-root-data, or give one with trustAnchor(…))", e));
      }
    }
    return request.client().backend(DnsBackend.class)
        .validate(new DnsValidationQuery(request.query().withDnssec(), anchors), deadline);
  }

  private Function<ProbeFailure, DnsValidationResult> failure(Instant started, Deadline deadline) {
    return f -> new DnsValidationResult(request.query(), DnsResult.builder(request.query()).backend("none")
        .started(started).elapsed(deadline.elapsed()).failure(f).build(), Optional.empty(), Optional.empty(),
        "none", started, deadline.elapsed(), Optional.of(f));
  }

  @Override
  public String toString() {
    return "DnsValidationRequest[" + request.query() + "]";
  }
}
