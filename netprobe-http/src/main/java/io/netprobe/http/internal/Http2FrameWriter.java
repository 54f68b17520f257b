package io.netprobe.http.internal;

import static io.netprobe.http.internal.Http2Frames.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import io.netprobe.http.internal.Http2Frames.ErrorCode;

/**
 * The HTTP/2 frames a client sends ({@link Http2Frames}), collected until {@link #take}. Not thread-safe.
 */
final class Http2FrameWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private final Hpack.Encoder hpack = new Hpack.Encoder();

  void preface() {
    out.writeBytes(PREFACE);
  }

  void settings(int id, int value) {
    frameHeader(6, SETTINGS, 0, 0);
    out.write(id >>> 8);
    out.write(id);
    writeInt(value);
  }

  void settingsAck() {
    frameHeader(0, SETTINGS, FLAG_ACK, 0);
  }

  void pingAck(long payload) {
    frameHeader(8, PING, FLAG_ACK, 0);
    writeInt((int) (payload >>> 32));
    writeInt((int) payload);
  }

  void windowUpdate(int streamId, long increment) {
    frameHeader(4, WINDOW_UPDATE, 0, streamId);
    writeInt((int) increment);
  }

  void rstStream(int streamId, ErrorCode code) {
    frameHeader(4, RST_STREAM, 0, streamId);
    writeInt(code.ordinal());
  }

  /** A header block in a HEADERS frame and as many CONTINUATION frames as it needs. */
  void headers(boolean endStream, int streamId, List<Hpack.Field> block) {
    byte[] encoded = hpack.encode(block);
    int first = Math.min(MAX_FRAME, encoded.length);
    int flags = (endStream ? FLAG_END_STREAM : 0) | (first == encoded.length ? FLAG_END_HEADERS : 0);
    frameHeader(first, HEADERS, flags, streamId);
    out.write(encoded, 0, first);
    for (int at = first; at < encoded.length; ) {
      int n = Math.min(MAX_FRAME, encoded.length - at);
      frameHeader(n, CONTINUATION, at + n == encoded.length ? FLAG_END_HEADERS : 0, streamId);
      out.write(encoded, at, n);
      at += n;
    }
  }

  void data(boolean endStream, int streamId, byte[] bytes, int offset, int length) {
    frameHeader(length, DATA, endStream ? FLAG_END_STREAM : 0, streamId);
    out.write(bytes, offset, length);
  }

  /** The frames written since the last call, or null for none. */
  ByteBuffer take() {
    if (out.size() == 0) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
    out.reset();
    return bytes;
  }

  private void frameHeader(int length, int type, int flags, int streamId) {
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.write(type);
    out.write(flags);
    writeInt(streamId & 0x7fffffff);
  }

  private void writeInt(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
