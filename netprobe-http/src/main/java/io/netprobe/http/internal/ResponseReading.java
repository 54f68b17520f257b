package io.netprobe.http.internal;

import io.netprobe.http.HttpVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * How the engine's exchange reads one response, whatever the protocol ({@link Http1ResponseReader}, {@link
 * Http2Codec}): it is fed the bytes as they come and says when nothing more is needed. Not thread-safe: the
 * exchange's loop uses it.
 */
interface ResponseReading {
  /** Takes the bytes available in {@code in}; true once nothing more is needed (the response ended, or the limit). */
  boolean feed(ByteBuffer in) throws IOException;

  /** The peer closed its side: the end of a body read until the close, else a response cut short. */
  void end() throws IOException;

  /** Bytes the protocol sends back in answer to what it read (HTTP/2's acknowledgements), or null. */
  default @Nullable ByteBuffer output() {
    return null;
  }

  boolean headersDone();

  /** Whether the body came to its end (not only to the limit). */
  boolean bodyEnded();

  int code();

  String reason();

  HttpVersion version();

  List<Map.Entry<String, String>> headers();

  /** The last value of a header, like OkHttp's {@code Headers.get}. */
  @Nullable String header(String name);

  int headerLines();

  long headerBytes();

  /** The body bytes kept (at most the limit and one byte). */
  byte[] body();
}
