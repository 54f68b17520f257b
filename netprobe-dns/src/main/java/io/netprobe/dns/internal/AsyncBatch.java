package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.spi.ProbeEngine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * A batch as a thin layer over {@link AsyncQuery}: at most {@code maxInFlight} questions outstanding on the shared
 * engine, each asked like a single lookup under the smaller of its own timeout and the batch deadline, results kept
 * in input order. At the batch deadline the questions not yet asked come back as TIMEOUT. Confined to the loop
 * thread apart from {@link #cancel()}.
 */
final class AsyncBatch implements LookupFuture.Lookup<DnsBatchResult> {
  private final UdpMux mux;
  private final DnsBatchSpec batch;
  private final List<InetSocketAddress> servers;
  private final EncryptedTransport encrypted;
  private final Deadline deadline;
  private final Instant started;
  private final DnsResult[] results;
  private final AsyncQuery[] running;
  private final Consumer<DnsBatchResult> future;
  private @Nullable ProbeEngine.Cancellable timer;
  private int next;
  private int inFlight;
  private int done;
  private boolean over;

  AsyncBatch(UdpMux mux, EncryptedTransport encrypted, DnsBatchSpec batch, List<InetSocketAddress> servers,
      Deadline deadline, Instant started, Consumer<DnsBatchResult> future) {
    this.mux = mux;
    this.encrypted = encrypted;
    this.batch = batch;
    this.servers = servers;
    this.deadline = deadline;
    this.started = started;
    this.future = future;
    this.results = new DnsResult[batch.queries().size()];
    this.running = new AsyncQuery[results.length];
  }

  void start() {
    mux.loop().execute(() -> {
      timer = mux.engine().at(deadline, () -> {
        try {
          mux.loop().execute(this::expired);
        } catch (IllegalStateException engineClosed) {
          // the client completes its futures itself
        }
      });
      fill();
      completeIfDone();
    });
  }

  private void fill() {
    while (!over && inFlight < batch.maxInFlight() && next < results.length && !deadline.isExpired()) {
      int i = next++;
      DnsSpec q = batch.queries().get(i);
      long now = System.nanoTime();
      AsyncQuery a = new AsyncQuery(mux, encrypted, q, servers, deadline.atMost(batch.queryTimeout()),
          Instant.now(), now, r -> answered(i, r));
      running[i] = a;
      inFlight++;
      a.start();
    }
  }

  private void answered(int i, DnsResult r) {
    if (over || results[i] != null) {
      return;
    }
    results[i] = r;
    running[i] = null;
    inFlight--;
    done++;
    fill();
    completeIfDone();
  }

  private void completeIfDone() {
    if (!over && done == results.length) {
      over = true;
      if (timer != null) {
        timer.cancel();
      }
      future.accept(result());
    }
  }

  /** The batch deadline: what has not been answered fails, and what is still asked is withdrawn. */
  private void expired() {
    if (over) {
      return;
    }
    over = true;
    ProbeFailure failure = ProbeFailure.of(FailureKind.TIMEOUT, "the batch deadline passed before an answer came");
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null) {
        if (running[i] != null) {
          running[i].cancel();
        }
        results[i] = DnsResult.builder(batch.queries().get(i)).backend(DnsjavaBackend.ID).started(Instant.now())
            .server(servers.get(0)).attempts(0).failure(failure).elapsed(Duration.ZERO).build();
      }
    }
    future.accept(result());
  }

  private DnsBatchResult result() {
    return new DnsBatchResult(new ArrayList<>(Arrays.asList(results)), DnsjavaBackend.ID, started,
        deadline.elapsed(), Optional.empty());
  }

  @Override
  public void cancel(Runnable released) {
    cancel();
    released.run();
  }

  @Override
  public DnsBatchResult closed(ProbeFailure failure) {
    return batch.failed(failure, started, deadline.elapsed());
  }

  /** Withdraws every question still asked. Callable from any thread. */
  void cancel() {
    try {
      mux.loop().execute(() -> {
        over = true;
        if (timer != null) {
          timer.cancel();
        }
        for (AsyncQuery a : running) {
          if (a != null) {
            a.cancel();
          }
        }
      });
    } catch (IllegalStateException engineClosed) {
      // nothing left to withdraw
    }
  }
}
