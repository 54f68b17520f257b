package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A dnsjava {@link Resolver} that sends through netprobe's own exchange loop (retransmissions, TCP on truncation,
 * the next server on failure) under one probe deadline, so that dnsjava's {@code ValidatingResolver} can sit on top
 * without its 1 s selector tick or single-datagram sends. It remembers the exchange of each question so the result
 * can report the server, transport, size and time of the final answer. Thread-safe.
 */
final class ExchangeResolver implements Resolver {
  private final List<InetSocketAddress> servers;
  private final int tries;
  private final Deadline deadline;
  private final Map<String, Exchange.Answered> lastExchange = new ConcurrentHashMap<>();
  private volatile int ednsPayload = 1232;
  private volatile int ednsFlags;
  private volatile boolean tcp;
  private final @Nullable Sender sender;

  /** Another way to ask one server than plain DNS (DNS over TLS). */
  @FunctionalInterface
  interface Sender {
    Exchange exchange(InetSocketAddress server, WireQuery wire, Deadline deadline);
  }

  ExchangeResolver(List<InetSocketAddress> servers, int tries, Deadline deadline) {
    this(servers, tries, deadline, null);
  }

  ExchangeResolver(List<InetSocketAddress> servers, int tries, Deadline deadline, @Nullable Sender sender) {
    this.servers = List.copyOf(servers);
    this.tries = tries;
    this.deadline = deadline;
    this.sender = sender;
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return send(query);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  @Override
  public Message send(Message query) throws IOException {
    Message q = query.clone();
    if (q.getOPT() == null && ednsPayload > 0) {
      q.addRecord(new OPTRecord(ednsPayload, 0, 0, ednsFlags), Section.ADDITIONAL);
    }
    int id = QueryIds.next();
    q.getHeader().setID(id);
    Record question = q.getQuestion();
    WireQuery wire = new WireQuery(id, question.getType(), q.toWire(), q.getOPT() != null);
    String last = "no server";
    for (int i = 0; i < servers.size() && !deadline.isExpired(); i++) {
      Deadline forServer = deadline.atMost(deadline.remaining().dividedBy(servers.size() - i));
      Exchange e = sender != null ? sender.exchange(servers.get(i), wire, forServer)
          : ServerExchange.once(servers.get(i), wire, tcp, tries, forServer);
      if (e instanceof Exchange.Answered a && !ServerExchange.worthTryingNext(e)) {
        lastExchange.put(key(question), a);
        return a.message();
      }
      if (e instanceof Exchange.Answered a && i == servers.size() - 1) {
        lastExchange.put(key(question), a);
        return a.message();
      }
      last = e instanceof Exchange.NoAnswer n ? n.failure().message() : "SERVFAIL or REFUSED";
    }
    throw new SocketTimeoutException("no answer for " + question.getName() + ": " + last);
  }

  /** The exchange that answered this question last, if any. */
  @Nullable Exchange.Answered exchangeFor(Record question) {
    return lastExchange.get(key(question));
  }

  private static String key(Record question) {
    return question.getName().toString().toLowerCase(java.util.Locale.ROOT) + "/" + question.getType();
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    ednsPayload = version < 0 ? 0 : Math.max(512, payloadSize == 0 ? 1232 : payloadSize);
    ednsFlags = flags;
  }

  @Override
  public void setPort(int port) {
    throw new UnsupportedOperationException("the servers and ports are fixed by the netprobe query");
  }

  @Override
  public void setTCP(boolean flag) {
    tcp = flag;
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    // truncated answers are always retried over TCP
  }

  @Override
  public void setTSIGKey(TSIG key) {
    throw new UnsupportedOperationException("TSIG is not supported");
  }

  @Override
  public void setTimeout(Duration timeout) {
    // the probe deadline governs
  }

  @Override
  public Duration getTimeout() {
    return deadline.remaining();
  }
}
