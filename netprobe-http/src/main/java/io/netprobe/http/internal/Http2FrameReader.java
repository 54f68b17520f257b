package io.netprobe.http.internal;

import static io.netprobe.http.internal.Http2Frames.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import io.netprobe.http.internal.Http2Frames.ErrorCode;
import io.netprobe.http.internal.Http2Frames.Handler;

/**
 * A server's HTTP/2 frames as they come, each handed to a {@link Handler} once it is whole ({@link Http2Frames}).
 * Not thread-safe.
 */
final class Http2FrameReader {
  private final Hpack.Decoder hpack = new Hpack.Decoder();
  private byte[] buf = new byte[0];
  private int start;
  private int end;
  private boolean settingsRead;

  void add(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (end + n > buf.length) {
      int live = end - start;
      byte[] larger = live + n > buf.length ? new byte[Math.max(live + n, 2 * buf.length)] : buf;
      System.arraycopy(buf, start, larger, 0, live);
      buf = larger;
      start = 0;
      end = live;
    }
    bytes.get(buf, end, n);
    end += n;
  }

  /** Bytes held that are not a whole frame yet. */
  int buffered() {
    return end - start;
  }

  /** Reads the next frame if it is whole; false when it is not (yet). */
  boolean next(Handler handler) throws IOException {
    if (!whole()) {
      return false;
    }
    int length = u24(start);
    int type = buf[start + 3] & 0xff;
    int flags = buf[start + 4] & 0xff;
    int streamId = i32(start + 5) & 0x7fffffff;
    if (length > MAX_FRAME) {
      throw new IOException("FRAME_SIZE_ERROR: " + length);
    }
    if (!settingsRead) {
      if (type != SETTINGS) {
        throw new IOException("Expected a SETTINGS frame but was " + typeName(type));
      }
      settingsRead = true;
    }
    int payload = start + HEADER_LENGTH;
    start = payload + length;
    switch (type) {
      case DATA -> data(handler, payload, length, flags, streamId);
      case HEADERS -> headers(handler, payload, length, flags, streamId);
      case PRIORITY -> {
        if (length != 5) {
          throw new IOException("TYPE_PRIORITY length: " + length + " != 5");
        }
        if (streamId == 0) {
          throw new IOException("TYPE_PRIORITY streamId == 0");
        }
      }
      case RST_STREAM -> {
        if (length != 4) {
          throw new IOException("TYPE_RST_STREAM length: " + length + " != 4");
        }
        if (streamId == 0) {
          throw new IOException("TYPE_RST_STREAM streamId == 0");
        }
        handler.rstStream(streamId, errorCode(i32(payload), "TYPE_RST_STREAM"));
      }
      case SETTINGS -> settings(handler, payload, length, flags, streamId);
      case PUSH_PROMISE -> pushPromise(handler, payload, length, flags, streamId);
      case PING -> {
        if (length != 8) {
          throw new IOException("TYPE_PING length != 8: " + length);
        }
        if (streamId != 0) {
          throw new IOException("TYPE_PING streamId != 0");
        }
        if ((flags & FLAG_ACK) == 0) {
          handler.ping((long) i32(payload) << 32 | i32(payload + 4) & 0xffffffffL);
        }
      }
      case GOAWAY -> {
        if (length < 8) {
          throw new IOException("TYPE_GOAWAY length < 8: " + length);
        }
        if (streamId != 0) {
          throw new IOException("TYPE_GOAWAY streamId != 0");
        }
        handler.goAway(i32(payload) & 0x7fffffff, errorCode(i32(payload + 4), "TYPE_GOAWAY"));
      }
      case WINDOW_UPDATE -> {
        if (length != 4) {
          throw new IOException("TYPE_WINDOW_UPDATE length !=4: " + length);
        }
        long increment = i32(payload) & 0x7fffffffL;
        if (increment == 0) {
          throw new IOException("windowSizeIncrement was 0");
        }
        handler.windowUpdate(streamId, increment);
      }
      default -> {
        // CONTINUATION without its HEADERS, and frame types this client does not know: skipped, as OkHttp does
      }
    }
    return true;
  }

  /** Whether the next frame, and for a header block every continuation up to its end, is here (or too large). */
  private boolean whole() {
    int at = start;
    while (true) {
      if (end - at < HEADER_LENGTH) {
        return false;
      }
      int length = u24(at);
      if (length > MAX_FRAME) {
        return true; // refused before its payload, as OkHttp does
      }
      if (end - at < HEADER_LENGTH + length) {
        return false;
      }
      int type = buf[at + 3] & 0xff;
      boolean opens = type == HEADERS || type == PUSH_PROMISE;
      boolean continues = at > start && type == CONTINUATION;
      if (at == start && !opens || at > start && !continues || (buf[at + 4] & FLAG_END_HEADERS) != 0) {
        return true; // whole; a frame that should have been a continuation is the reader's to refuse
      }
      at += HEADER_LENGTH + length;
    }
  }

  private void data(Handler handler, int payload, int length, int flags, int streamId) throws IOException {
    if (streamId == 0) {
      throw new IOException("PROTOCOL_ERROR: TYPE_DATA streamId == 0");
    }
    if ((flags & FLAG_COMPRESSED) != 0) {
      throw new IOException("PROTOCOL_ERROR: FLAG_COMPRESSED without SETTINGS_COMPRESS_DATA");
    }
    int padding = (flags & FLAG_PADDED) != 0 ? buf[payload++] & 0xff : 0;
    int n = withoutPadding(length - ((flags & FLAG_PADDED) != 0 ? 1 : 0), padding);
    handler.data((flags & FLAG_END_STREAM) != 0, streamId, ByteBuffer.wrap(buf, payload, n).slice());
  }

  private void headers(Handler handler, int payload, int length, int flags, int streamId) throws IOException {
    if (streamId == 0) {
      throw new IOException("PROTOCOL_ERROR: TYPE_HEADERS streamId == 0");
    }
    int padding = (flags & FLAG_PADDED) != 0 ? buf[payload] & 0xff : 0;
    int skip = ((flags & FLAG_PADDED) != 0 ? 1 : 0) + ((flags & FLAG_PRIORITY) != 0 ? 5 : 0);
    int n = withoutPadding(length - skip, padding);
    handler.headers((flags & FLAG_END_STREAM) != 0, streamId, block(payload + skip, n, flags, streamId));
  }

  private void pushPromise(Handler handler, int payload, int length, int flags, int streamId) throws IOException {
    if (streamId == 0) {
      throw new IOException("PROTOCOL_ERROR: TYPE_PUSH_PROMISE streamId == 0");
    }
    int padding = (flags & FLAG_PADDED) != 0 ? buf[payload] & 0xff : 0;
    int skip = ((flags & FLAG_PADDED) != 0 ? 1 : 0);
    int promised = i32(payload + skip) & 0x7fffffff;
    block(payload + skip + 4, withoutPadding(length - skip - 4, padding), flags, streamId);
    handler.pushPromise(streamId, promised);
  }

  /** The header block that starts in this frame, with its continuations (consumed), decoded. */
  private List<Hpack.Field> block(int at, int length, int flags, int streamId) throws IOException {
    byte[] block = Arrays.copyOfRange(buf, at, at + length);
    while ((flags & FLAG_END_HEADERS) == 0) {
      int n = u24(start);
      int type = buf[start + 3] & 0xff;
      flags = buf[start + 4] & 0xff;
      if (type != CONTINUATION) {
        throw new IOException(type + " != TYPE_CONTINUATION");
      }
      if ((i32(start + 5) & 0x7fffffff) != streamId) {
        throw new IOException("TYPE_CONTINUATION streamId changed");
      }
      int from = block.length;
      block = Arrays.copyOf(block, from + n);
      System.arraycopy(buf, start + HEADER_LENGTH, block, from, n);
      start += HEADER_LENGTH + n;
    }
    return hpack.decode(block);
  }

  private void settings(Handler handler, int payload, int length, int flags, int streamId) throws IOException {
    if (streamId != 0) {
      throw new IOException("TYPE_SETTINGS streamId != 0");
    }
    if ((flags & FLAG_ACK) != 0) {
      if (length != 0) {
        throw new IOException("FRAME_SIZE_ERROR ack frame should be empty!");
      }
      return;
    }
    if (length % 6 != 0) {
      throw new IOException("TYPE_SETTINGS length % 6 != 0: " + length);
    }
    int[] values = new int[7];
    Arrays.fill(values, -1);
    for (int i = payload; i < payload + length; i += 6) {
      int id = (buf[i] & 0xff) << 8 | buf[i + 1] & 0xff;
      int value = i32(i + 2);
      if (id == 2 && value != 0 && value != 1) {
        throw new IOException("PROTOCOL_ERROR SETTINGS_ENABLE_PUSH != 0 or 1");
      } else if (id == SETTINGS_INITIAL_WINDOW_SIZE && value < 0) {
        throw new IOException("PROTOCOL_ERROR SETTINGS_INITIAL_WINDOW_SIZE > 2^31 - 1");
      } else if (id == SETTINGS_MAX_FRAME_SIZE && (value < MAX_FRAME || value > 16777215)) {
        throw new IOException("PROTOCOL_ERROR SETTINGS_MAX_FRAME_SIZE: " + value);
      }
      if (id > 0 && id < values.length) {
        values[id] = value;
      }
    }
    handler.settings(values);
  }

  private static int withoutPadding(int length, int padding) throws IOException {
    if (padding > length) {
      throw new IOException("PROTOCOL_ERROR padding " + padding + " > remaining length " + length);
    }
    return length - padding;
  }

  private static ErrorCode errorCode(int value, String frame) throws IOException {
    ErrorCode code = ErrorCode.of(value);
    if (code == null) {
      throw new IOException(frame + " unexpected error code: " + value);
    }
    return code;
  }

  private static String typeName(int type) {
    return type < TYPE_NAMES.length ? TYPE_NAMES[type] : String.format("0x%02x", type);
  }

  private int u24(int at) {
    return (buf[at] & 0xff) << 16 | (buf[at + 1] & 0xff) << 8 | buf[at + 2] & 0xff;
  }

  private int i32(int at) {
    return (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | buf[at + 3] & 0xff;
  }
}
