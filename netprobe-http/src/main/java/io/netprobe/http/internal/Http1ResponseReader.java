package io.netprobe.http.internal;

import io.netprobe.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Reads an HTTP/1.x response as it arrives, a chunk of bytes at a time, with OkHttp's rules: the status line as
 * OkHttp's {@code StatusLine} parses it, header lines split leniently at the first colon, interim 1xx responses
 * (except 101) skipped, no body for HEAD, 204 and 304, the body framed by {@code Transfer-Encoding: chunked},
 * {@code Content-Length} or the end of the connection, and kept up to a limit (one byte more, so that a reader can
 * tell the body went on). Failures are the exceptions OkHttp would throw, so that {@link FailureClassifier} names
 * them alike. Not thread-safe: one exchange's loop feeds it.
 */
final class Http1ResponseReader extends ResponseReading {
  private enum State { STATUS, HEADERS, BODY_LENGTH, BODY_CHUNK_SIZE, BODY_CHUNK, BODY_CHUNK_END, TRAILERS,
    BODY_UNTIL_CLOSE, DONE }

  private final String url;
  private State state = State.STATUS;
  /** The bytes of a line not yet ended. */
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
  private long remaining;

  /**
   * @param url the request's URL, for messages
   * @param head whether the request was a HEAD (no body follows)
   * @param keep the most body bytes to keep: reading stops once this many were kept
   */
  Http1ResponseReader(String url, boolean head, long keep) {
    super(head, keep);
    this.url = url;
  }

  /**
   * Takes the bytes available in {@code in}; returns true once nothing more is needed (the response ended, or as much
   * of the body as is kept has come).
   */
  @Override
  boolean feed(ByteBuffer in) throws IOException {
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case STATUS, HEADERS, BODY_CHUNK_SIZE, BODY_CHUNK_END, TRAILERS -> {
          String l = readLine(in);
          if (l != null) {
            onLine(l);
          }
        }
        case BODY_LENGTH, BODY_CHUNK -> {
          int n = (int) Math.min(remaining, in.remaining());
          keepBody(in, n);
          remaining -= n;
          if (remaining == 0) {
            if (state == State.BODY_LENGTH) {
              endBody();
            } else {
              state = State.BODY_CHUNK_END;
            }
          }
        }
        case BODY_UNTIL_CLOSE -> keepBody(in, in.remaining());
        default -> throw new IllegalStateException(state.name());
      }
      if (beyondTheLimit() && state != State.DONE) {
        state = State.DONE; // as much as is kept, and one byte more: the rest is not read
      }
    }
    return state == State.DONE;
  }

  /** The peer closed its side: the end of a body read until the close, else a response cut short. */
  @Override
  void end() throws IOException {
    if (state == State.BODY_UNTIL_CLOSE) {
      endBody();
      return;
    }
    if (state == State.DONE) {
      return;
    }
    if (!headersDone) {
      throw new IOException("unexpected end of stream on " + url,
          new EOFException("\\n not found: limit=" + line.size()));
    }
    throw new EOFException("unexpected end of stream");
  }


  private @Nullable String readLine(ByteBuffer in) throws IOException {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      line.write(b);
      if (state != State.BODY_CHUNK_SIZE && state != State.BODY_CHUNK_END
          && headerBytes + line.size() > OkHttpExchange.MAX_HEADER_BYTES) {
        throw new IOException("unexpected end of stream on " + url,
            new EOFException("\\n not found: limit=" + (headerBytes + line.size())));
      }
    }
    return null;
  }

  private void onLine(String l) throws IOException {
    switch (state) {
      case STATUS -> {
        status(l);
        state = State.HEADERS;
      }
      case HEADERS -> {
        if (!l.isEmpty()) {
          addHeader(l);
          return;
        }
        if (code == 100 || code >= 102 && code < 200) {
          // an interim response: the real one follows (OkHttp's shouldIgnoreAndWaitForRealResponse)
          headers = new ArrayList<>();
          headerBytes = 0;
          state = State.STATUS;
          return;
        }
        headersDone = true;
        startBody();
      }
      case BODY_CHUNK_SIZE -> {
        remaining = chunkSize(l);
        state = remaining == 0 ? State.TRAILERS : State.BODY_CHUNK;
      }
      case BODY_CHUNK_END -> {
        if (!l.isEmpty()) {
          throw new ProtocolException("expected chunk end but was \"" + l + "\"");
        }
        state = State.BODY_CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (l.isEmpty()) {
          endBody();
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  /**
   * OkHttp's chunk size: Okio's {@code readHexadecimalUnsignedLong} (at least one hex digit, at most 16), then what
   * is left of the line, trimmed, empty or extensions after a {@code ;}.
   */
  private static long chunkSize(String l) throws ProtocolException {
    int digits = 0;
    long size = 0;
    while (digits < l.length() && Character.digit(l.charAt(digits), 16) >= 0) {
      if (digits == 16) {
        throw new ProtocolException("Number too large: " + l.substring(0, digits + 1));
      }
      size = size << 4 | Character.digit(l.charAt(digits), 16);
      digits++;
    }
    if (digits == 0) {
      int first = l.isEmpty() ? '\r' : l.charAt(0) & 0xff;
      throw new ProtocolException("Expected leading [0-9a-fA-F] character but was 0x"
          + Integer.toHexString(first));
    }
    String extensions = l.substring(digits).trim();
    if (size < 0 || !extensions.isEmpty() && !extensions.startsWith(";")) {
      throw new ProtocolException("expected chunk size and optional extensions but was \"" + size + extensions
          + "\"");
    }
    return size;
  }

  private void status(String l) throws ProtocolException {
    StatusLine parsed = StatusLine.parse(l);
    version = parsed.version();
    code = parsed.code();
    reason = parsed.reason();
  }

  /** A status line: the version, the code, the reason (empty when none). */
  record StatusLine(HttpVersion version, int code, String reason) {
    /** OkHttp's {@code StatusLine.parse}. */
    static StatusLine parse(String l) throws ProtocolException {
      HttpVersion version;
      int code;
      String reason;
      int codeStart;
      if (l.startsWith("HTTP/1.")) {
        if (l.length() < 9 || l.charAt(8) != ' ') {
          throw new ProtocolException("Unexpected status line: " + l);
        }
        int minor = l.charAt(7) - '0';
        codeStart = 9;
        if (minor == 0) {
          version = HttpVersion.HTTP_1_0;
        } else if (minor == 1) {
          version = HttpVersion.HTTP_1_1;
        } else {
          throw new ProtocolException("Unexpected status line: " + l);
        }
      } else if (l.startsWith("ICY ")) {
        version = HttpVersion.HTTP_1_0;
        codeStart = 4;
      } else if (l.startsWith("SOURCETABLE ")) {
        version = HttpVersion.HTTP_1_1;
        codeStart = 12;
      } else {
        throw new ProtocolException("Unexpected status line: " + l);
      }
      if (l.length() < codeStart + 3) {
        throw new ProtocolException("Unexpected status line: " + l);
      }
      try {
        code = Integer.parseInt(l.substring(codeStart, codeStart + 3));
      } catch (NumberFormatException e) {
        throw new ProtocolException("Unexpected status line: " + l);
      }
      if (code < 0 || l.charAt(codeStart) == '-' || l.charAt(codeStart) == '+') {
        throw new ProtocolException("Unexpected status line: " + l);
      }
      reason = "";
      if (l.length() > codeStart + 3) {
        if (l.charAt(codeStart + 3) != ' ') {
          throw new ProtocolException("Unexpected status line: " + l);
        }
        reason = l.substring(codeStart + 4);
      }
      return new StatusLine(version, code, reason);
    }
  }

  /** OkHttp's {@code addLenient}: split at the first colon after the first character; the value trimmed. */
  private void addHeader(String l) {
    int colon = l.indexOf(':', 1);
    String name;
    String value;
    if (colon != -1) {
      name = l.substring(0, colon);
      value = l.substring(colon + 1);
    } else if (l.startsWith(":")) {
      name = "";
      value = l.substring(1);
    } else {
      name = "";
      value = l;
    }
    value = value.trim();
    addHeader(name, value);
  }

  private void startBody() {
    // OkHttp's promisesBody (interim 1xx responses never get here)
    if (head || (code == 204 || code == 304) && !hasFraming()) {
      endBody();
      return;
    }
    String te = header("Transfer-Encoding");
    if (te != null && te.equalsIgnoreCase("chunked")) {
      state = State.BODY_CHUNK_SIZE;
      return;
    }
    long length = contentLength();
    if (length >= 0) {
      remaining = length;
      if (length == 0) {
        endBody();
      } else {
        state = State.BODY_LENGTH;
      }
      return;
    }
    state = State.BODY_UNTIL_CLOSE;
  }

  private boolean hasFraming() {
    String te = header("Transfer-Encoding");
    return contentLength() != -1 || te != null && te.equalsIgnoreCase("chunked");
  }

  private long contentLength() {
    String value = header("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void endBody() {
    bodyEnded = true;
    state = State.DONE;
  }

  @Override
  public String toString() {
    return "Http1ResponseReader[" + state.name().toLowerCase(Locale.ROOT) + "]";
  }
}
