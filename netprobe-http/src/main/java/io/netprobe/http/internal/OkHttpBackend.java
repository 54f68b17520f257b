package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import javax.annotation.Nullable;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP backend: single exchanges on OkHttp, with Conscrypt (BoringSSL) or the JDK making the TLS handshakes (see
 * {@link TlsStack}). Every exchange runs on a connection of its own so its phases are real, and returns by the
 * deadline it is given. Redirects, the HEAD→GET fallback and the edge classification are netprobe-core's, the same
 * for every backend. Thread-safe: no state is shared between exchanges.
 */
public final class OkHttpBackend implements HttpBackend {
  public static final String ID = "okhttp";

  private final OkHttpExchange exchange;

  /** The backend ServiceLoader creates: certificates are verified against the JVM's default trust store. */
  public OkHttpBackend() {
    this(null);
  }

  /** A backend that verifies certificates against {@code trust} instead (tests use it to trust their own CA). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust) {
    this(trust, SystemResolver::resolve);
  }

  /** A backend with its own trust and name resolution (tests use them to inject lookup failures). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver) {
    this(trust, resolver, TlsStack.system());
  }

  /** A backend with its own trust, resolution and TLS stack (tests run every TLS case on each implementation). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack) {
    OkHttpExchange.startLoading();
    this.exchange = new OkHttpExchange(trust == null ? new LazyDefaultTrust() : trust, resolver, tlsStack, "netprobe/0.1");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public boolean isAvailable() {
    try {
      Class.forName("kotlin.jvm.internal.Intrinsics", false, OkHttpBackend.class.getClassLoader());
      Class.forName("okhttp3.OkHttpClient", false, OkHttpBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError missing) {
      return false;
    }
  }

  @Override
  public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
    return exchange.run(request, deadline);
  }
}
