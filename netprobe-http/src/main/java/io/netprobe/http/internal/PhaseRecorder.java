package io.netprobe.http.internal;

import io.netprobe.http.PhaseTimings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Records the moments of one call that curl's {@code -w} timings are made of, and the connection it used. One
 * instance per exchange. OkHttp fires {@code connectEnd} after the TLS handshake, so TCP-connect-done is
 * {@code secureConnectStart} for https and {@code connectEnd} for http.
 *
 * <p>Thread-safe: events may arrive on OkHttp's threads; every field is volatile and written once per event kind.
 */
final class PhaseRecorder extends EventListener {
  private volatile long callStart;
  private volatile long dnsEnd;
  private volatile long connectEnd;
  private volatile long secureConnectStart;
  private volatile long secureConnectEnd;
  private volatile long requestHeadersStart;
  private volatile long responseHeadersStart;
  private volatile long responseHeadersEnd;
  private volatile long responseBodyEnd;
  private volatile @Nullable InetSocketAddress connectedTo;
  private volatile @Nullable InetSocketAddress lastAttempt;
  private volatile @Nullable Socket socket;
  private volatile String lastEvent = "the call had not started";

  @Override
  public void callStart(Call call) {
    callStart = System.nanoTime();
    lastEvent = "resolving the host name";
  }

  @Override
  public void dnsEnd(Call call, String domainName, List<java.net.InetAddress> addresses) {
    dnsEnd = System.nanoTime();
    lastEvent = "connecting";
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    if (dnsEnd == 0) {
      dnsEnd = System.nanoTime(); // IP literal: no lookup events
    }
    lastAttempt = address;
    lastEvent = "connecting to " + Addresses.describe(address);
  }

  @Override
  public void secureConnectStart(Call call) {
    secureConnectStart = System.nanoTime();
    lastEvent = "the TLS handshake";
  }

  @Override
  public void secureConnectEnd(Call call, @Nullable Handshake handshake) {
    secureConnectEnd = System.nanoTime();
  }

  @Override
  public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol) {
    connectEnd = System.nanoTime();
    connectedTo = address;
  }

  @Override
  public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol,
      IOException e) {
    lastAttempt = address;
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    connectedTo = connection.route().socketAddress();
    socket = connection.socket();
    lastEvent = "sending the request";
  }

  @Override
  public void requestHeadersStart(Call call) {
    requestHeadersStart = System.nanoTime();
    lastEvent = "waiting for the response headers";
  }

  @Override
  public void responseHeadersStart(Call call) {
    responseHeadersStart = System.nanoTime();
    lastEvent = "reading the response";
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    responseHeadersEnd = System.nanoTime();
  }

  @Override
  public void responseBodyEnd(Call call, long byteCount) {
    responseBodyEnd = System.nanoTime();
  }

  /**
   * When the transfer was complete, curl's end of {@code time_total}: the end of the body when OkHttp saw it, else
   * the end of the headers for a response without a body (HEAD), else {@code fallback}. OkHttp may tear the
   * single-use connection down before the call returns (its pool keeps nothing idle); that is not transfer time.
   */
  long transferEnd(boolean bodyless, long fallback) {
    long bodyEnd = responseBodyEnd;
    if (bodyEnd != 0) {
      return bodyEnd;
    }
    long headersEnd = responseHeadersEnd;
    return bodyless && headersEnd != 0 ? headersEnd : fallback;
  }

  /** What the call was doing when it stopped, for failure messages ("the TLS handshake"). */
  String lastEvent() {
    return lastEvent;
  }

  Optional<InetSocketAddress> remote() {
    return Optional.ofNullable(connectedTo);
  }

  /** The address of the last connection attempt, for failure messages. */
  Optional<InetSocketAddress> lastAttempt() {
    InetSocketAddress connected = connectedTo;
    return Optional.ofNullable(connected != null ? connected : lastAttempt);
  }

  Optional<Socket> socket() {
    return Optional.ofNullable(socket);
  }

  /** The cumulative timings, with {@code endNanos} (after the response was read and closed) as the total. */
  PhaseTimings timings(long endNanos) {
    long start = callStart;
    long lookup = orElse(dnsEnd, start);
    boolean tls = secureConnectStart != 0;
    long connect = tls ? secureConnectStart : orElse(connectEnd, lookup);
    Optional<Duration> appConnect = tls ? Optional.of(since(start, orElse(secureConnectEnd, connect)))
        : Optional.empty();
    long requestSent = orElse(requestHeadersStart, tls ? orElse(secureConnectEnd, connect) : connect);
    long firstByte = orElse(responseHeadersStart, requestSent);
    return new PhaseTimings(since(start, lookup), since(start, connect), appConnect, since(start, requestSent),
        since(start, firstByte), since(start, Math.max(endNanos, firstByte)));
  }

  private static long orElse(long value, long fallback) {
    return value == 0 ? fallback : value;
  }

  private static Duration since(long start, long end) {
    return Duration.ofNanos(Math.max(0, end - start));
  }
}
