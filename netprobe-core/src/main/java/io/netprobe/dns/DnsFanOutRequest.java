package io.netprobe.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The same DNS question asked of several servers at once, and whether they agree: made by
 * {@link DnsRequest#fanOut()}. Every server gets the question at the same moment, under one deadline.
 *
 * <pre>{@code
 * DnsFanOutResult r = Probes.dns("example.com").server("8.8.8.8").server("1.1.1.1").fanOut().run();
 * r.agree();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DnsFanOutRequest implements ProbeRequest<DnsFanOutResult, DnsFanOutRequest> {
  private final ProbeRunner runner;
  private final DnsSpec query;

  DnsFanOutRequest(ProbeRunner runner, DnsSpec query) {
    this.runner = runner;
    this.query = query;
  }

  @Override
  public DnsFanOutRequest timeout(Duration timeout) {
    return new DnsFanOutRequest(runner, query.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The question; its server list is the servers asked. */
  public DnsSpec spec() {
    return query;
  }

  @Override
  public DnsFanOutResult run() {
    try {
      return runAsync().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException programmerError) {
        throw programmerError;
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<DnsFanOutResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(query.timeout());
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    for (InetSocketAddress server : query.servers()) {
      DnsSpec single = query.withServers(List.of(server));
      futures.add(runner.runAsync(single, deadline).thenApply(r -> naming(r, single)));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<DnsResult> results = futures.stream().map(CompletableFuture::join).toList();
      String backend = results.stream().map(DnsResult::backend).filter(b -> !b.equals("none")).findFirst()
          .orElse("none");
      ProbeFailure failure = results.stream().allMatch(r -> r.header().isEmpty())
          ? results.get(0).failure().orElse(null) : null;
      return new DnsFanOutResult(query, results, backend, started, deadline.elapsed(), Optional.ofNullable(failure));
    });
  }

  /** A server no backend reached is still named in its result, so the verdict can say who did not answer. */
  private static DnsResult naming(DnsResult r, DnsSpec single) {
    InetSocketAddress server = single.servers().get(0);
    if (!r.backend().equals("none") || r.server().isPresent() || server.isUnresolved()) {
      return r;
    }
    return DnsResult.builder(single).server(server).backend("none").started(r.started()).elapsed(r.elapsed())
        .failure(r.failure().orElse(null)).build();
  }

  @Override
  public String toString() {
    return "DnsFanOutRequest" + query;
  }
}
