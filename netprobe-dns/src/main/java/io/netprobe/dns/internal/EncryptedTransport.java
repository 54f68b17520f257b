package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsEncryption;
import io.netprobe.dns.DnsTransport;
import io.netprobe.internal.net.HostParser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.xbill.DNS.Message;

/**
 * DNS over TLS and over HTTPS for one backend. DoT pipelines queries on kept connections ({@link DotConnections}). DoH
 * uses the JDK's {@link HttpClient} asynchronously (HTTP/2, POST or GET of {@code application/dns-message}, message
 * id 0 as RFC 8484 advises), one client per backend and certificate configuration, dropped (and closed where the JDK
 * can, 21+) with the backend. Thread-safe.
 */
final class EncryptedTransport implements AutoCloseable {
  private static final String DNS_MESSAGE = "application/dns-message";

  private final Map<TrustKey, TlsTrust> trusts = new ConcurrentHashMap<>();
  private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
  private final DotConnections dot = new DotConnections(DotConnections.DEFAULT_IDLE);

  /** Everything a TLS context and its connections depend on: kept DoT connections are pooled by it too. */
  private record TrustKey(Optional<java.nio.file.Path> caFile, Optional<String> serverName, boolean verify,
      Optional<io.netprobe.http.ClientCertificate> clientCertificate, List<String> protocols) {
    static TrustKey of(DnsEncryption e) {
      return new TrustKey(e.caFile(), e.serverName(), e.verify(), e.clientCertificate(), e.tlsProtocols());
    }
  }

  private record ClientKey(TrustKey trust, @Nullable InetAddress local) {}

  private TlsTrust trust(DnsEncryption e) {
    return trusts.computeIfAbsent(TrustKey.of(e), k -> TlsTrust.of(e));
  }

  /** A withdrawable step whose request can be dropped (a kept DoT connection stays for the other queries). */
  static final class Step implements AsyncQuery.Step {
    private volatile @Nullable CompletableFuture<?> request;
    private volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
      CompletableFuture<?> r = request;
      if (r != null) {
        r.cancel(true);
      }
    }
  }

  /** DNS over TLS to {@code server}: pipelined on a kept connection, opened on {@code blocking} when needed. */
  CompletableFuture<Exchange> tls(InetSocketAddress server, @Nullable InetAddress local, WireQuery query,
      DnsEncryption e, Deadline deadline, Executor blocking, Step step) {
    TlsTrust trust = trust(e);
    CompletableFuture<Exchange> f = dot.exchange(server, local, query, trust, deadline, blocking);
    step.request = f;
    if (step.cancelled) {
      f.cancel(true);
    }
    return f;
  }

  /** {@link #tls} for a caller that waits (the DNSSEC validator's resolver); returns by {@code deadline}. */
  Exchange tlsBlocking(InetSocketAddress server, @Nullable InetAddress local, WireQuery query, DnsEncryption e,
      Deadline deadline, Executor blocking) {
    try {
      return dot.exchange(server, local, query, trust(e), deadline, blocking).join();
    } catch (IllegalArgumentException badCaFile) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TLS_UNTRUSTED, badCaFile.getMessage(),
          badCaFile), 0);
    }
  }

  /** DNS over HTTPS to {@code server} (the URI's, or {@code https://server/dns-query}). */
  CompletableFuture<Exchange> https(InetSocketAddress server, @Nullable InetAddress local, WireQuery query,
      DnsEncryption e, Deadline deadline, Step step) {
    URI uri = e.uri().orElseGet(() -> URI.create("https://" + hostPart(server) + ":" + server.getPort()
        + "/dns-query"));
    HttpClient client;
    try {
      client = client(e, local);
    } catch (UnsupportedOperationException unsupported) {
      return CompletableFuture.completedFuture(new Exchange.NoAnswer(server, ProbeFailure.of(
          FailureKind.UNSUPPORTED_PLATFORM, unsupported.getMessage()), 0));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(deadline.remaining().plusMillis(1))
        .header("accept", DNS_MESSAGE);
    if (e.httpGet()) {
      String dns = Base64.getUrlEncoder().withoutPadding().encodeToString(query.wire());
      String sep = uri.getRawQuery() == null ? "?" : "&";
      b.uri(URI.create(uri + sep + "dns=" + dns)).GET();
    } else {
      b.uri(uri).header("content-type", DNS_MESSAGE).POST(HttpRequest.BodyPublishers.ofByteArray(query.wire()));
    }
    TlsTrust trust = trust(e);
    long sentAt = System.nanoTime();
    // the request timeout covers the response headers only; the body and a slow connect end at the deadline too
    CompletableFuture<HttpResponse<byte[]>> request = client.sendAsync(b.build(),
        HttpResponse.BodyHandlers.ofByteArray()).orTimeout(deadline.remainingNanos() + 1, TimeUnit.NANOSECONDS);
    step.request = request;
    String where = uri.toString();
    return request.handle((response, error) -> {
      long arrived = System.nanoTime();
      if (error != null) {
        return new Exchange.NoAnswer(server, failure(error, server, local, where, trust.rejectedSince(uri.getHost(),
            uri.getPort() > 0 ? uri.getPort() : 443, sentAt, where)), 0);
      }
      if (response.statusCode() != 200) {
        return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where + " answered HTTP "
            + response.statusCode() + " instead of a DNS message"), 1);
      }
      byte[] body = response.body();
      Message m;
      try {
        m = new Message(body);
      } catch (IOException malformed) {
        return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where
            + " sent a malformed DNS message of " + body.length + " bytes (" + Endpoints.reason(malformed) + ")",
            malformed), 1);
      }
      String mismatch = query.mismatch(m);
      if (mismatch != null) {
        return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where
            + " answered with " + mismatch), 1);
      }
      var tls = response.sslSession().map(s -> trust.info(s, response.version() == HttpClient.Version.HTTP_2
          ? "h2" : "http/1.1", uri.getHost()));
      return new Exchange.Answered(server, m, body.length, Duration.ofNanos(arrived - sentAt), DnsTransport.HTTPS,
          1, tls);
    });
  }

  /**
   * Why a DNS-over-HTTPS request failed; {@code rejected} is the certificate this exchange's trust rejected for the
   * server meanwhile, which the JDK's client does not always give as the cause (it may report the connection the
   * aborted handshake closed instead).
   */
  static ProbeFailure failure(Throwable error, InetSocketAddress server, @Nullable InetAddress local,
      String where, @Nullable ProbeFailure rejected) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + where + " before the deadline", cause);
    }
    ProbeFailure tls = TlsTrust.failure(cause, where);
    if (tls != null) {
      return tls;
    }
    if (rejected != null) {
      return rejected;
    }
    if (cause instanceof ConnectException) {
      return ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "communications error to " + where
          + ": connection refused", cause);
    }
    if (cause instanceof IOException io) {
      return DotExchanger.socketFailure(io, server, local, "HTTPS");
    }
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "DNS over HTTPS to " + where + " failed: " + cause, cause);
  }

  private HttpClient client(DnsEncryption e, @Nullable InetAddress local) {
    TrustKey t = TrustKey.of(e);
    return clients.computeIfAbsent(new ClientKey(t, local), k -> {
      TlsTrust trust = trust(e);
      HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
          .sslContext(trust.context()).connectTimeout(Duration.ofSeconds(30));
      SSLParameters p = trust.context().getDefaultSSLParameters();
      // offered explicitly: with SSL parameters of its own the client offers no ALPN and speaks HTTP/1.1 even to
      // servers that only speak HTTP/2, as unbound's DoH does
      p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      p.setProtocols(trust.protocols());
      trust.serverName().ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
      b.sslParameters(p);
      if (local != null) {
        setLocalAddress(b, local);
      }
      return b.build();
    });
  }

  /** {@code HttpClient.Builder.localAddress} exists from JDK 19 on. */
  private static void setLocalAddress(HttpClient.Builder b, InetAddress local) {
    try {
      Method m = HttpClient.Builder.class.getMethod("localAddress", InetAddress.class);
      m.invoke(b, local);
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException("a source address for DNS over HTTPS needs Java 19 or later (this is "
          + Runtime.version() + ")");
    }
  }

  private static String hostPart(InetSocketAddress server) {
    String host = server.getAddress() == null ? server.getHostString() : HostParser.format(server.getAddress());
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    dot.close();
    for (HttpClient c : clients.values()) {
      if (c instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // best effort: JDK 17's client has no close and ends with its last reference
        }
      }
    }
    clients.clear();
    trusts.clear();
  }
}
