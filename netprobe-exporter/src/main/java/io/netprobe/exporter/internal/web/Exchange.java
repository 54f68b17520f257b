package io.netprobe.exporter.internal.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * One request on the exporter's server and its answer. The request side is read-only; response headers are set
 * before {@link #send}, which answers once, from any thread (the connection writes answers in request order).
 * Thread-safe for that hand-over: one thread sets headers and sends.
 */
final class Exchange {
  private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
      .withValidation(false);

  private final HttpConnection connection;
  private final long sequence;
  private final String method;
  private final HttpVersion version;
  private final HttpHeaders requestHeaders;
  private final boolean keepAlive;
  private final String path;
  private final @Nullable String rawQuery;
  private final HttpHeaders responseHeaders = HEADERS.newHeaders();
  private final AtomicBoolean sent = new AtomicBoolean();
  private @Nullable Map<String, String> query;

  Exchange(HttpConnection connection, long sequence, String method, HttpVersion version, HttpHeaders headers,
      boolean keepAlive, String path, @Nullable String rawQuery) {
    this.connection = connection;
    this.sequence = sequence;
    this.method = method;
    this.version = version;
    this.requestHeaders = headers;
    this.keepAlive = keepAlive;
    this.path = path;
    this.rawQuery = rawQuery;
  }

  /** The request method, like {@code GET}. */
  String method() {
    return method;
  }

  /** The request path, percent-decoded. */
  String path() {
    return path;
  }

  /** The query parameters, first value of each (Go's {@code Query().Get}). */
  Map<String, String> query() {
    Map<String, String> q = query;
    if (q == null) {
      q = Http.query(rawQuery);
      query = q;
    }
    return q;
  }

  /** The first value of a request header, or null. */
  @Nullable String header(String name) {
    return requestHeaders.get(name);
  }

  /** Sets a response header (before {@link #send}). */
  void setHeader(String name, String value) {
    responseHeaders.set(name, value);
  }

  /**
   * Answers with {@code body}, gzipped when the client accepts it and it is worth it. The first call answers; later
   * calls do nothing.
   */
  void send(int status, String type, String body) {
    if (!sent.compareAndSet(false, true)) {
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String accept = requestHeaders.get(HttpHeaderNames.ACCEPT_ENCODING);
    if (accept != null && accept.contains("gzip") && bytes.length > 512) {
      bytes = Http.gzip(bytes);
      responseHeaders.set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
    }
    responseHeaders.set(HttpHeaderNames.CONTENT_TYPE, type);
    responseHeaders.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    responseHeaders.set(HttpHeaderNames.DATE, Http.date());
    HttpUtil.setKeepAlive(responseHeaders, version, keepAlive);
    boolean noBody = bytes.length == 0 || method.equals(HttpMethod.HEAD.name());
    FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
        noBody ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes), responseHeaders, EmptyHttpHeaders.INSTANCE);
    connection.answer(sequence, r, keepAlive);
  }
}
