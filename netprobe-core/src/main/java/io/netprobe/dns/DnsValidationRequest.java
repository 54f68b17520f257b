package io.netprobe.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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

  private final ProbeRunner runner;
  private final DnsSpec query;
  /** Null until given: the system's root key is read when the request runs. */
  private final @Nullable String trustAnchors;

  DnsValidationRequest(ProbeRunner runner, DnsSpec query, @Nullable String trustAnchors) {
    this.runner = runner;
    this.query = query;
    this.trustAnchors = trustAnchors;
  }

  /**
   * Validates from these DS or DNSKEY records (zone-file syntax, one per line) instead of the root key.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public DnsValidationRequest trustAnchor(String records) {
    java.util.Objects.requireNonNull(records, "records");
    if (records.isBlank()) {
      throw new IllegalArgumentException("a trust anchor must be DS or DNSKEY records in zone-file syntax, not empty");
    }
    return new DnsValidationRequest(runner, query, records);
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
    return new DnsValidationRequest(runner, query.withTimeout(Validate.timeout(timeout)), trustAnchors);
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  @Override
  public DnsValidationResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    String anchors;
    try {
      anchors = trustAnchors();
    } catch (IOException | SecurityException e) {
      return withoutTrustAnchor(e, started, deadline);
    }
    return runner.run(new DnsValidationSpec(query.withDnssec(), anchors), deadline);
  }

  @Override
  public CompletableFuture<DnsValidationResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(timeout());
    String anchors;
    try {
      anchors = trustAnchors();
    } catch (IOException | SecurityException e) {
      return CompletableFuture.completedFuture(withoutTrustAnchor(e, started, deadline));
    }
    return runner.runAsync(new DnsValidationSpec(query.withDnssec(), anchors), deadline);
  }

  private String trustAnchors() throws IOException {
    return trustAnchors != null ? trustAnchors : Files.readString(SYSTEM_ROOT_KEY);
  }

  /** The system's root key cannot be read: a result, not an error of the caller's. */
  private DnsValidationResult withoutTrustAnchor(Exception e, Instant started, Deadline deadline) {
    ProbeFailure f = ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "no trust anchor: " + SYSTEM_ROOT_KEY
        + " cannot be read (install dns-root-data, or give one with trustAnchor(…))", e);
    return DnsValidationSpec.failed(query.withDnssec(), f, started, deadline.elapsed());
  }

  @Override
  public String toString() {
    return "DnsValidationRequest[" + query + "]";
  }
}
