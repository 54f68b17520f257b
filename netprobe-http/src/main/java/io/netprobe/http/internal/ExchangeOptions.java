package io.netprobe.http.internal;

import io.netprobe.http.HttpBodyInfo;
import io.netprobe.http.HttpOptions;
import io.netprobe.http.HttpProxy;
import io.netprobe.http.HttpRequestBody;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.annotation.Nullable;
import io.netprobe.http.HttpConnectionOptions;
import java.util.ArrayList;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.Protocol;
import okhttp3.TlsVersion;
import org.brotli.dec.BrotliInputStream;

/**
 * Applies the transport options of {@link HttpOptions} to one exchange's OkHttp client and request (proxy, source
 * address, CONNECT headers, TLS versions, HTTP/2, content) and reads the response body within the limit, decoding
 * it.
 * Stateless; thread-safe.
 */
final class ExchangeOptions {
  private ExchangeOptions() {}

  /** The proxy and the socket binding of {@code options} on {@code builder}. */
  static void applyToClient(OkHttpClient.Builder builder, HttpOptions options) {
    options.sourceAddress().ifPresent(source ->
        builder.socketFactory(new SourceBoundSocketFactory(NoDelaySocketFactory.INSTANCE, source)));
    if (options.proxy().isPresent()) {
      HttpProxy proxy = options.proxy().get();
      InetSocketAddress address = proxy.host().literal()
          .map(ip -> new InetSocketAddress(ip, proxy.port()))
          .orElseGet(() -> InetSocketAddress.createUnresolved(proxy.host().ascii(), proxy.port()));
      builder.proxy(new Proxy(Proxy.Type.HTTP, address));
      if (proxy.credentials().isPresent() || !proxy.connectHeaders().isEmpty()) {
        builder.proxyAuthenticator((route, response) -> {
          // OkHttp asks first with a fake 407 before CONNECT (preemptive): credentials and CONNECT headers go then;
          // a real 407 after we sent them is final
          if (!"OkHttp-Preemptive".equals(response.header("Proxy-Authenticate"))) {
            return null;
          }
          Request.Builder connect = response.request().newBuilder();
          proxy.credentials().ifPresent(basic -> connect.header("Proxy-Authorization", basic.headerValue()));
          proxy.connectHeaders().forEach(h -> connect.addHeader(h.getKey(), h.getValue()));
          return connect.build();
        });
      }
    }
    HttpConnectionOptions connection = options.connection();
    if (!connection.http2()) {
      builder.protocols(List.of(Protocol.HTTP_1_1));
    }
    if (connection.minTlsVersion().isPresent() || connection.maxTlsVersion().isPresent()) {
      builder.connectionSpecs(List.of(tlsSpec(connection), ConnectionSpec.CLEARTEXT));
    }
  }

  /** The TLS versions from the minimum (TLS 1.2 by default) to the maximum (TLS 1.3), with ciphers to match. */
  static ConnectionSpec tlsSpec(HttpConnectionOptions connection) {
    io.netprobe.http.TlsVersion min = connection.minTlsVersion().orElse(io.netprobe.http.TlsVersion.TLS_1_2);
    io.netprobe.http.TlsVersion max = connection.maxTlsVersion().orElse(io.netprobe.http.TlsVersion.TLS_1_3);
    List<TlsVersion> versions = new ArrayList<>();
    for (io.netprobe.http.TlsVersion v : io.netprobe.http.TlsVersion.values()) {
      if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
        versions.add(TlsVersion.forJavaName(v.javaName()));
      }
    }
    // below TLS 1.2 only the compatible suites (CBC) can be agreed on
    ConnectionSpec base = min.compareTo(io.netprobe.http.TlsVersion.TLS_1_2) < 0 ? ConnectionSpec.COMPATIBLE_TLS
        : ConnectionSpec.MODERN_TLS;
    return new ConnectionSpec.Builder(base).tlsVersions(versions.toArray(new TlsVersion[0])).build();
  }

  /** The method and content of {@code exchange} on {@code request} (its headers are {@link RequestDefaults}'). */
  static void applyToRequest(Request.Builder request, HttpExchangeRequest exchange) {
    String method = exchange.method();
    Optional<HttpRequestBody> body = exchange.body();
    RequestBody content = null;
    if (body.isPresent()) {
      content = RequestBody.create(body.get().content(), MediaType.parse(body.get().contentType()));
    } else if (RequestDefaults.CONTENT_METHODS.contains(method)) {
      content = RequestBody.create(new byte[0], null);
    }
    request.method(method, content);
  }

  /**
   * Reads at most {@code limit} decoded bytes of {@code response}'s body, decoding gzip, deflate or br when it is
   * one of the codings asked for.
   */
  static Optional<HttpExchange.Body> read(Response response, long limit, HttpOptions options) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return Optional.empty();
    }
    return Optional.of(read(body.byteStream(), false, response.header("Content-Encoding", ""), limit, options));
  }

  /**
   * The body of an HTTP/3 response from the bytes read off the wire (at most {@code limit}; {@code wireTruncated}
   * when more came), decoded as {@link #read(Response, long, HttpOptions)} does.
   */
  static HttpExchange.Body decode(byte[] wire, boolean wireTruncated, String contentEncoding, long limit,
      HttpOptions options) throws IOException {
    return read(new java.io.ByteArrayInputStream(wire), wireTruncated, contentEncoding, limit, options);
  }

  private static HttpExchange.Body read(InputStream raw, boolean wireTruncated, String contentEncoding, long limit,
      HttpOptions options) throws IOException {
    String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    boolean decode = options.compression().isPresent() && !coding.isEmpty()
        && java.util.Arrays.asList(options.compression().get().split(",\\s*")).contains(coding);
    CountingStream wire = new CountingStream(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean truncated = false;
    InputStream decoded = !decode ? wire : decoder(coding, wire);
    try (InputStream in = decode && wireTruncated ? endingAtTheCut(decoded) : decoded) {
      byte[] buffer = new byte[8192];
      long total = 0;
      while (true) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        total += n;
        if (total >= limit) {
          truncated = in.read() >= 0;
          break;
        }
      }
    }
    return new HttpExchange.Body(out.toByteArray(), new HttpBodyInfo(wire.count, out.size(),
        decode ? Optional.of(coding) : Optional.empty(), truncated || wireTruncated));
  }

  /**
   * A decoder over compressed bytes cut where reading stopped (not by the peer): it ends there, keeping what they
   * decode to, instead of failing for want of the rest.
   */
  private static InputStream endingAtTheCut(InputStream decoder) {
    return new java.io.FilterInputStream(decoder) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (java.io.EOFException cut) {
          return -1;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (java.io.EOFException cut) {
          return -1;
        }
      }
    };
  }

  private static InputStream decoder(String coding, InputStream wire) throws IOException {
    switch (coding) {
      case "gzip":
        return new GZIPInputStream(wire);
      case "br":
        return new BrotliInputStream(wire);
      default:
        return new InflaterInputStream(wire);
    }
  }

  /** Counts the bytes read through it (the body as sent). */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
