package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Resolves a batch on one non-blocking, unconnected {@link DatagramChannel}: up to {@code maxInFlight} queries
 * outstanding, each with a random message id that is free among those in flight, answers matched by id, source
 * address and question. Retransmissions, the next server on silence, SERVFAIL or REFUSED, and the retry without
 * EDNS after FORMERR work as for a single query; truncated answers are fetched over TCP afterwards. One thread does
 * it all, so the only cost per query is encoding, two system calls and decoding. Not thread-safe: one instance per
 * batch, used through {@link #resolve}.
 */
final class BatchResolver {
  private static final int FREE = -1;

  private final DnsBatchSpec batch;
  private final Deadline deadline;
  private final List<InetSocketAddress> servers;
  private final int n;
  private final long intervalNanos;
  private final int tries;

  // per question
  private final int[] serverIndex;
  private final int[] sendsToServer;
  private final int[] totalSends;
  private final long[] firstSend;
  private final long[] lastSend;
  private final int[] ids;
  private final boolean[] withoutEdns;
  private final WireQuery[] wire;
  private final Instant[] startedAt;
  private final DnsResult[] results;
  private final @Nullable String[] ignored;

  private final int[] idOwner = new int[65536];
  private final ArrayDeque<Integer> retry = new ArrayDeque<>();
  /** Entries {@code index << 8 | sendNumber & 0xff} in send order: the head is due first. */
  private final ArrayDeque<Long> timers = new ArrayDeque<>();
  private final List<Integer> truncated = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();
  /** Random bytes drawn in bulk: one SecureRandom call per 2048 message ids instead of one per id. */
  private final byte[] randomIds = new byte[4096];
  private int randomIdsUsed = randomIds.length;
  private int nextNew;
  private int inFlight;
  private int done;

  private BatchResolver(DnsBatchSpec batch, Deadline deadline, List<InetSocketAddress> servers) {
    this.batch = batch;
    this.deadline = deadline;
    this.servers = servers;
    this.n = batch.queries().size();
    this.tries = n == 0 ? 1 : batch.queries().get(0).tries();
    this.intervalNanos = Math.max(1, batch.queryTimeout().toNanos() / servers.size() / tries);
    serverIndex = new int[n];
    sendsToServer = new int[n];
    totalSends = new int[n];
    firstSend = new long[n];
    lastSend = new long[n];
    ids = new int[n];
    withoutEdns = new boolean[n];
    wire = new WireQuery[n];
    startedAt = new Instant[n];
    results = new DnsResult[n];
    ignored = new String[n];
    Arrays.fill(idOwner, FREE);
  }

  static DnsBatchResult resolve(DnsBatchSpec batch, Deadline deadline, Path resolvConf) {
    Instant started = Instant.now();
    List<InetSocketAddress> named = batch.queries().isEmpty() ? List.of() : batch.queries().get(0).servers();
    ServerList list = ServerList.of(named, resolvConf, deadline);
    if (list.servers().isEmpty()) {
      ProbeFailure f = list.failure();
      List<DnsResult> each = batch.queries().stream().map(q -> DnsResult.builder(q).backend(DnsjavaBackend.ID)
          .started(started).failure(f).elapsed(deadline.elapsed()).build()).toList();
      return new DnsBatchResult(each, DnsjavaBackend.ID, started, deadline.elapsed(),
          batch.queries().isEmpty() ? Optional.empty() : Optional.of(f));
    }
    BatchResolver r = new BatchResolver(batch, deadline, list.servers());
    r.run();
    return new DnsBatchResult(Arrays.asList(r.results), DnsjavaBackend.ID, started, deadline.elapsed(),
        Optional.empty());
  }

  private void run() {
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
      channel.bind(null);
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(65535);
      while (unsettled() > 0 && !deadline.isExpired()) {
        boolean blocked = sendNew(channel);
        receive(channel, in);
        expire(channel);
        if (unsettled() > 0) {
          long wait = waitNanos(blocked);
          if (wait > 0) {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            selector.selectedKeys().clear();
          } else {
            selector.selectNow();
            selector.selectedKeys().clear();
          }
        }
      }
    } catch (IOException e) {
      failRemaining(ProbeFailure.of(FailureKind.NETWORK_ERROR, "the batch socket failed: " + e.getMessage(), e));
    }
    fetchTruncatedOverTcp();
    failRemaining(ProbeFailure.of(FailureKind.TIMEOUT, "the batch deadline passed before an answer came"));
  }

  /** Questions neither finished nor waiting for their TCP retry. */
  private int unsettled() {
    return n - done - truncated.size();
  }

  /** Sends queued questions while the window has room; true when the socket buffer was full. */
  private boolean sendNew(DatagramChannel channel) throws IOException {
    while (inFlight < batch.maxInFlight() && (!retry.isEmpty() || nextNew < n)) {
      int i = retry.isEmpty() ? nextNew : retry.peekFirst();
      if (startedAt[i] == null) {
        startedAt[i] = Instant.now();
        firstSend[i] = System.nanoTime();
      }
      int id = freeId();
      wire[i] = WireQuery.of(batch.queries().get(i), id, !withoutEdns[i]);
      if (channel.send(ByteBuffer.wrap(wire[i].wire()), servers.get(serverIndex[i])) == 0) {
        return true;
      }
      if (retry.isEmpty()) {
        nextNew++;
      } else {
        retry.pollFirst();
      }
      ids[i] = id;
      idOwner[id] = i;
      inFlight++;
      sendsToServer[i] = 1;
      totalSends[i]++;
      lastSend[i] = System.nanoTime();
      timers.addLast(timer(i));
    }
    return false;
  }

  private int freeId() {
    int id;
    do {
      if (randomIdsUsed == randomIds.length) {
        random.nextBytes(randomIds);
        randomIdsUsed = 0;
      }
      id = ((randomIds[randomIdsUsed] & 0xff) << 8) | (randomIds[randomIdsUsed + 1] & 0xff);
      randomIdsUsed += 2;
    } while (idOwner[id] != FREE);
    return id;
  }

  private long timer(int i) {
    return ((long) i << 8) | (totalSends[i] & 0xff);
  }

  private void receive(DatagramChannel channel, ByteBuffer in) throws IOException {
    while (true) {
      in.clear();
      SocketAddress from = channel.receive(in);
      if (from == null) {
        return;
      }
      int size = in.position();
      if (size < 12) {
        continue;
      }
      int id = ((in.get(0) & 0xff) << 8) | (in.get(1) & 0xff);
      int i = idOwner[id];
      if (i == FREE || !from.equals(servers.get(serverIndex[i]))) {
        continue; // a late answer to a question already settled, or a stranger
      }
      long arrived = System.nanoTime();
      boolean sameQuestion = wire[i].sameQuestionOnWire(in, size);
      Message m;
      try {
        m = new Message(in.flip());
      } catch (IOException malformed) {
        ignored[i] = "a malformed reply of " + size + " bytes (" + Endpoints.reason(malformed) + ")";
        continue;
      }
      String mismatch = sameQuestion && m.getHeader().getFlag(Flags.QR) ? null : wire[i].mismatch(m);
      if (mismatch != null) {
        ignored[i] = "a reply with " + mismatch;
        continue;
      }
      settle(i, new Exchange.Answered(servers.get(serverIndex[i]), m, size, Duration.ofNanos(arrived - lastSend[i]),
          DnsTransport.UDP, totalSends[i]));
    }
  }

  private void settle(int i, Exchange.Answered a) {
    release(i);
    int rcode = a.message().getRcode();
    if (a.message().getHeader().getFlag(Flags.TC)) {
      truncated.add(i);
      return;
    }
    if (rcode == Rcode.FORMERR && a.message().getOPT() == null && wire[i].edns()) {
      withoutEdns[i] = true;
      retry.addLast(i);
      return;
    }
    if (ServerExchange.worthAnotherServer(rcode) && serverIndex[i] + 1 < servers.size()) {
      serverIndex[i]++;
      retry.addLast(i);
      return;
    }
    finish(i, Results.answered(batch.queries().get(i), a, totalSends[i], startedAt[i], sinceStart(i), ""));
  }

  private void release(int i) {
    idOwner[ids[i]] = FREE;
    inFlight--;
  }

  private void finish(int i, DnsResult r) {
    results[i] = r;
    done++;
  }

  /** Retransmits, moves on to the next server, or gives up on questions whose interval has passed. */
  private void expire(DatagramChannel channel) throws IOException {
    long now = System.nanoTime();
    while (!timers.isEmpty()) {
      long t = timers.peekFirst();
      int i = (int) (t >>> 8);
      boolean stale = results[i] != null || idOwner[ids[i]] != i || (t & 0xff) != (totalSends[i] & 0xff);
      if (stale) {
        timers.pollFirst();
        continue;
      }
      if (now - lastSend[i] < intervalNanos) {
        return;
      }
      timers.pollFirst();
      if (sendsToServer[i] < tries) {
        if (channel.send(ByteBuffer.wrap(wire[i].wire()), servers.get(serverIndex[i])) == 0) {
          timers.addFirst(t);
          return;
        }
        sendsToServer[i]++;
        totalSends[i]++;
        lastSend[i] = now;
        timers.addLast(timer(i));
      } else if (serverIndex[i] + 1 < servers.size()) {
        release(i);
        serverIndex[i]++;
        retry.addLast(i);
      } else {
        release(i);
        InetSocketAddress server = servers.get(serverIndex[i]);
        finish(i, Results.silent(batch.queries().get(i), new Exchange.NoAnswer(server,
            UdpExchanger.silence(server, sendsToServer[i], ignored[i]), totalSends[i]), totalSends[i], startedAt[i],
            sinceStart(i)));
      }
    }
  }

  private long waitNanos(boolean blocked) {
    boolean canSend = inFlight < batch.maxInFlight() && (!retry.isEmpty() || nextNew < n);
    if (blocked || canSend) {
      return 0;
    }
    long wait = deadline.remainingNanos();
    if (!timers.isEmpty()) {
      int i = (int) (timers.peekFirst() >>> 8);
      wait = Math.min(wait, lastSend[i] + intervalNanos - System.nanoTime());
    }
    return wait;
  }

  private void fetchTruncatedOverTcp() {
    for (int k = 0; k < truncated.size() && !deadline.isExpired(); k++) {
      int i = truncated.get(k);
      DnsSpec q = batch.queries().get(i);
      InetSocketAddress server = servers.get(serverIndex[i]);
      Exchange e = TcpExchanger.exchange(server, wire[i], deadline.atMost(batch.queryTimeout()));
      int sent = totalSends[i] + e.sent();
      finish(i, e instanceof Exchange.Answered a
          ? Results.answered(q, a, sent, startedAt[i], sinceStart(i), "")
          : Results.silent(q, (Exchange.NoAnswer) e, sent, startedAt[i], sinceStart(i)));
    }
  }

  private void failRemaining(ProbeFailure failure) {
    for (int i = 0; i < n; i++) {
      if (results[i] == null) {
        DnsSpec q = batch.queries().get(i);
        results[i] = DnsResult.builder(q).backend(DnsjavaBackend.ID)
            .started(startedAt[i] == null ? Instant.now() : startedAt[i])
            .server(servers.get(serverIndex[i])).attempts(totalSends[i]).failure(failure)
            .elapsed(startedAt[i] == null ? Duration.ZERO : sinceStart(i)).build();
      }
    }
  }

  private Duration sinceStart(int i) {
    return Duration.ofNanos(System.nanoTime() - firstSend[i]);
  }
}
