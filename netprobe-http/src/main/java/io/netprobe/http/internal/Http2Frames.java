package io.netprobe.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP/2 frames (RFC 9113) for one client connection: a {@link Http2FrameWriter} of the frames a client sends, and a
 * {@link Http2FrameReader} that takes the server's bytes as they come and hands each frame to a {@link Handler} once it
 * is whole (a header block with all its continuations), with OkHttp's {@code Http2Reader}'s checks and words for what
 * breaks the protocol. Not thread-safe: one exchange's loop uses them.
 */
final class Http2Frames {
  static final int DATA = 0x0;
  static final int HEADERS = 0x1;
  static final int PRIORITY = 0x2;
  static final int RST_STREAM = 0x3;
  static final int SETTINGS = 0x4;
  static final int PUSH_PROMISE = 0x5;
  static final int PING = 0x6;
  static final int GOAWAY = 0x7;
  static final int WINDOW_UPDATE = 0x8;
  static final int CONTINUATION = 0x9;
  static final int FLAG_END_STREAM = 0x1;
  static final int FLAG_ACK = 0x1;
  static final int FLAG_END_HEADERS = 0x4;
  static final int FLAG_PADDED = 0x8;
  static final int FLAG_PRIORITY = 0x20;
  static final int FLAG_COMPRESSED = 0x20;
  /** The largest frame either end sends until told otherwise; OkHttp never allows more. */
  static final int MAX_FRAME = 16384;
  static final int HEADER_LENGTH = 9;
  static final int DEFAULT_WINDOW = 65535;
  static final int SETTINGS_HEADER_TABLE_SIZE = 1;
  static final int SETTINGS_INITIAL_WINDOW_SIZE = 4;
  static final int SETTINGS_MAX_FRAME_SIZE = 5;
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final String[] TYPE_NAMES = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
      "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};

  private Http2Frames() {}

  /** The error codes of RST_STREAM and GOAWAY. */
  enum ErrorCode {
    NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, SETTINGS_TIMEOUT, STREAM_CLOSED, FRAME_SIZE_ERROR,
    REFUSED_STREAM, CANCEL, COMPRESSION_ERROR, CONNECT_ERROR, ENHANCE_YOUR_CALM, INADEQUATE_SECURITY,
    HTTP_1_1_REQUIRED;

    /** The code's value on the wire is its ordinal; null for a value HTTP/2 does not define. */
    static ErrorCode of(int code) {
      return code >= 0 && code < values().length ? values()[code] : null;
    }
  }

  /** The stream was reset (by the peer, or by a GOAWAY that left it out), in OkHttp's words. */
  static final class StreamReset extends IOException {
    private static final long serialVersionUID = 1L;

    StreamReset(ErrorCode code) {
      super("stream was reset: " + code);
    }
  }

  /** What a client is told of the server's frames. */
  interface Handler {
    void data(boolean endStream, int streamId, ByteBuffer bytes) throws IOException;

    void headers(boolean endStream, int streamId, List<Hpack.Field> block) throws IOException;

    void rstStream(int streamId, ErrorCode code);

    /** {@code values[id]} for the settings the frame carries, -1 for the others. */
    void settings(int[] values) throws IOException;

    void ping(long payload) throws IOException;

    void goAway(int lastGoodStreamId, ErrorCode code);

    void windowUpdate(int streamId, long increment) throws IOException;

    void pushPromise(int streamId, int promisedStreamId) throws IOException;
  }

}
