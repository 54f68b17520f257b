package io.netprobe.http.internal;

import io.netprobe.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * How the engine's exchange reads one response, whatever the protocol ({@link Http1ResponseReader}, {@link
 * Http2Codec}): it is fed the bytes as they come and says when nothing more is needed; what it has read so far — the
 * status, the headers, as much of the body as is kept — is held here alike. Not thread-safe: the exchange's loop uses
 * it.
 */
abstract class ResponseReading {
  /** Whether the request was a HEAD (no body follows). */
  protected final boolean head;
  /** The most body bytes to keep: reading stops once this many and one more were kept. */
  protected final long keep;
  protected int code;
  protected String reason = "";
  protected HttpVersion version = HttpVersion.HTTP_1_1;
  protected List<Map.Entry<String, String>> headers = new ArrayList<>();
  protected long headerBytes;
  protected boolean headersDone;
  protected boolean bodyEnded;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  protected ResponseReading(boolean head, long keep) {
    this.head = head;
    this.keep = keep;
  }

  /** Takes the bytes available in {@code in}; true once nothing more is needed (the response ended, or the limit). */
  abstract boolean feed(ByteBuffer in) throws IOException;

  /** The peer closed its side: the end of a body read until the close, else a response cut short. */
  abstract void end() throws IOException;

  /** Bytes the protocol sends back in answer to what it read (HTTP/2's acknowledgements), or null. */
  @Nullable ByteBuffer output() {
    return null;
  }

  /** A header of the response, counted as OkHttp's limits count it. */
  protected final void addHeader(String name, String value) {
    headers.add(Map.entry(name, value));
    headerBytes += name.length() + value.length() + 4;
  }

  /**
   * Keeps as much of {@code n} body bytes at {@code in}'s position as the limit allows (and one more, to know there was
   * more); {@code in} moves past all {@code n}.
   */
  protected final void keepBody(ByteBuffer in, int n) {
    int keepNow = (int) Math.min(n, Math.max(0, keep + 1 - body.size()));
    body.write(in.array(), in.arrayOffset() + in.position(), keepNow);
    in.position(in.position() + n);
  }

  /** Whether more body bytes than are kept have come. */
  protected final boolean beyondTheLimit() {
    return body.size() > keep;
  }

  final boolean headersDone() {
    return headersDone;
  }

  /** Whether the body came to its end (not only to the limit). */
  final boolean bodyEnded() {
    return bodyEnded;
  }

  final int code() {
    return code;
  }

  final String reason() {
    return reason;
  }

  final HttpVersion version() {
    return version;
  }

  final List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The last value of a header, like OkHttp's {@code Headers.get}. */
  final @Nullable String header(String name) {
    return RequestDefaults.last(headers, name);
  }

  final int headerLines() {
    return headers.size();
  }

  final long headerBytes() {
    return headerBytes;
  }

  /** The body bytes kept (at most the limit and one byte). */
  final byte[] body() {
    return body.toByteArray();
  }
}
