package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnsValidationSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers DNS questions. Implementations must return by the deadline whatever the server does, report every DNS
 * and network outcome as a failure inside the result (never throw it), and leave no socket open. Thread-safe.
 *
 * <p>A backend does transport: it reports the response it got (header, sections, EDNS) or why none came (timeout,
 * refused, network error). What a response means — NOERROR without answers is NODATA, NXDOMAIN is NAME_NOT_FOUND,
 * … — is read once in core: build the result with {@link DnsResult.Builder#failureFromResponse(String)}, as the
 * fake does too. How a backend walks its servers (retransmissions, TCP on truncation, the next server on SERVFAIL,
 * REFUSED or silence) stays its own, because it is woven into its sockets and deadlines.
 */
public interface DnsBackend extends Backend {
  DnsResult query(DnsSpec query, Deadline deadline);

  /**
   * {@link #query} without a thread waiting for the answer: the future completes by the deadline. This default runs
   * {@link #query} on the engine's bounded blocking executor; backends built on the engine override it.
   */
  default CompletableFuture<DnsResult> queryAsync(DnsSpec query, Deadline deadline, ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> query(query, deadline), engine.blocking());
  }

  /** {@link #queryBatch} without a thread waiting; see {@link #queryAsync}. */
  default CompletableFuture<DnsBatchResult> queryBatchAsync(DnsBatchSpec batch, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> queryBatch(batch, deadline), engine.blocking());
  }

  /** {@link #validate} without a thread waiting; see {@link #queryAsync}. */
  default CompletableFuture<DnsValidationResult> validateAsync(DnsValidationSpec query, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> validate(query, deadline), engine.blocking());
  }

  /**
   * Answers many questions, results in input order, by the batch deadline; questions not asked by then come back
   * as TIMEOUT. This default asks one question after the other; backends override it with something faster.
   */
  default DnsBatchResult queryBatch(DnsBatchSpec batch, Deadline deadline) {
    Instant started = Instant.now();
    List<DnsResult> results = new ArrayList<>(batch.queries().size());
    for (DnsSpec q : batch.queries()) {
      if (deadline.isExpired()) {
        results.add(DnsResult.builder(q).backend(id()).started(Instant.now()).failure(ProbeFailure.of(
            FailureKind.TIMEOUT, "the batch deadline passed before " + q.absoluteName() + " was asked")).build());
      } else {
        results.add(query(q, deadline.atMost(batch.queryTimeout())));
      }
    }
    return new DnsBatchResult(results, id(), started, deadline.elapsed(), Optional.empty());
  }

  /**
   * Looks the question up with DNSSEC validation from the given trust anchors. Backends without a validator keep
   * this default, which reports UNSUPPORTED_PLATFORM.
   */
  default DnsValidationResult validate(DnsValidationSpec query, Deadline deadline) {
    ProbeFailure f = ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "the DNS backend \"" + id()
        + "\" cannot validate DNSSEC; use netprobe-dns (backend \"dnsjava\")");
    Instant now = Instant.now();
    return new DnsValidationResult(query.query(), DnsResult.builder(query.query()).backend(id()).started(now)
        .failure(f).build(), Optional.empty(), Optional.empty(), id(), now, deadline.elapsed(), Optional.of(f));
  }
}
