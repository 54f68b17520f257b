package io.netprobe.http.internal;

import io.netprobe.http.HttpVersion;
import io.netprobe.http.internal.Http2Frames.ErrorCode;
import io.netprobe.http.internal.Http2Frames.StreamReset;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One HTTP/2 exchange on a connection of its own, as OkHttp makes it, without a thread: the same frames (the preface,
 * OkHttp's settings — a 16 MiB window — and window update, the request on stream 3, as OkHttp numbers it, with {@link
 * Http2RequestHead}'s header block, HPACK as OkHttp compresses it: {@link Hpack}), and the server's frames read with
 * OkHttp's rules and words ({@link Http2FrameReader}) once each is whole. What OkHttp's connection does with them is
 * done here for the one stream: settings acknowledged, pings answered, pushes refused, the window reopened once half of
 * it is read, the content sent as the peer's windows allow; a reset of the stream, a GOAWAY that leaves it out and a
 * connection closed early end it with OkHttp's exceptions. Not thread-safe: the exchange's loop uses it.
 */
final class Http2Codec extends ResponseReading implements Http2Frames.Handler {
  /** OkHttp's {@code OKHTTP_CLIENT_WINDOW_SIZE}. */
  static final int CLIENT_WINDOW = 16 * 1024 * 1024;
  /** OkHttp's first stream: 1 is kept for an upgrade from HTTP/1.1. */
  private static final int STREAM = 3;
  /** OkHttp's {@code HTTP_2_SKIPPED_RESPONSE_HEADERS}. */
  private static final Set<String> SKIPPED = Set.of("connection", "host", "keep-alive", "proxy-connection", "te",
      "transfer-encoding", "encoding", "upgrade");

  private final Http2FrameReader reader = new Http2FrameReader();
  private final Http2FrameWriter writer = new Http2FrameWriter();
  private boolean settingsRead;
  private final @Nullable byte[] content;
  private int contentSent;
  private long sendWindow = Http2Frames.DEFAULT_WINDOW;
  private long connectionSendWindow = Http2Frames.DEFAULT_WINDOW;
  private int peerInitialWindow = Http2Frames.DEFAULT_WINDOW;
  private int peerMaxFrame = 16384;
  private long unacknowledged;
  private long connectionUnacknowledged;
  private @Nullable IOException failure;
  private boolean done;

  /**
   * @param request the request's header block
   * @param content the request's content, or null for none
   * @param head whether the request was a HEAD (no body follows)
   * @param keep the most body bytes to keep: reading stops once this many and one more were kept
   */
  Http2Codec(List<Hpack.Field> request, @Nullable byte[] content, boolean head, long keep) {
    super(head, keep);
    this.version = HttpVersion.HTTP_2;
    this.content = content;
    writer.preface();
    writer.settings(Http2Frames.SETTINGS_INITIAL_WINDOW_SIZE, CLIENT_WINDOW);
    writer.windowUpdate(0, CLIENT_WINDOW - Http2Frames.DEFAULT_WINDOW);
    writer.headers(content == null, STREAM, request);
    sendContent();
  }

  @Override
  @Nullable ByteBuffer output() {
    return writer.take();
  }

  @Override
  boolean feed(ByteBuffer bytes) throws IOException {
    reader.add(bytes);
    while (!done && reader.next(this)) {
      settingsRead = true;
      if (failure != null) {
        throw failure;
      }
    }
    if (!done && reader.buffered() > 2 * OkHttpExchange.MAX_HEADER_BYTES) {
      throw new ProtocolException("HTTP/2 frames of more than " + 2 * OkHttpExchange.MAX_HEADER_BYTES / 1024
          + " KiB without their end");
    }
    return done;
  }

  @Override
  void end() throws IOException {
    if (done) {
      return;
    }
    if (!settingsRead && reader.buffered() == 0) {
      throw new IOException("Required SETTINGS preface not received");
    }
    if (reader.buffered() > 0) {
      throw new EOFException(); // a frame cut off: OkHttp's reader fails reading it
    }
    throw new StreamReset(ErrorCode.CANCEL);
  }

  @Override
  public void data(boolean endStream, int streamId, ByteBuffer bytes) {
    int length = bytes.remaining();
    connectionUnacknowledged += length;
    if (streamId == STREAM) {
      unacknowledged += length;
      keepBody(bytes, length);
      if (endStream) {
        bodyEnded = true;
        done = true;
      } else if (beyondTheLimit()) {
        done = true;
      }
    }
    // OkHttp reopens a window once half of it has been read
    if (unacknowledged >= CLIENT_WINDOW / 2) {
      writer.windowUpdate(STREAM, unacknowledged);
      unacknowledged = 0;
    }
    if (connectionUnacknowledged >= CLIENT_WINDOW / 2) {
      writer.windowUpdate(0, connectionUnacknowledged);
      connectionUnacknowledged = 0;
    }
  }

  @Override
  public void headers(boolean endStream, int streamId, List<Hpack.Field> block) {
    if (streamId != STREAM) {
      return;
    }
    if (!headersDone) {
      if (!responseHead(block)) {
        return; // an interim 1xx: the real response follows
      }
      headersDone = true;
      if (head) {
        bodyEnded = true;
        done = true;
        return;
      }
    }
    if (endStream) {
      bodyEnded = true;
      done = true;
    }
  }

  /** OkHttp's {@code readHttp2HeadersList}; false for an interim response, which OkHttp skips. */
  private boolean responseHead(List<Hpack.Field> block) {
    Http1ResponseReader.StatusLine status = null;
    List<Map.Entry<String, String>> fields = new ArrayList<>(block.size());
    for (Hpack.Field h : block) {
      String name = h.name();
      String value = h.value();
      if (name.equals(":status")) {
        try {
          status = Http1ResponseReader.StatusLine.parse("HTTP/1.1 " + value);
        } catch (IOException e) {
          failure = e;
          return false;
        }
      } else if (!SKIPPED.contains(name)) {
        fields.add(Map.entry(name, value));
      }
    }
    if (status == null) {
      failure = new ProtocolException("Expected ':status' header not present");
      return false;
    }
    if (status.code() == 100 || status.code() >= 102 && status.code() < 200) {
      return false;
    }
    code = status.code();
    reason = status.reason();
    for (Map.Entry<String, String> f : fields) {
      addHeader(f.getKey(), f.getValue());
    }
    return true;
  }

  @Override
  public void rstStream(int streamId, ErrorCode errorCode) {
    if (streamId == STREAM && !done) {
      failure = new StreamReset(errorCode);
    }
  }

  @Override
  public void settings(int[] values) {
    int initial = values[Http2Frames.SETTINGS_INITIAL_WINDOW_SIZE];
    if (initial >= 0) {
      sendWindow += initial - peerInitialWindow;
      peerInitialWindow = initial;
    }
    if (values[Http2Frames.SETTINGS_MAX_FRAME_SIZE] >= 0) {
      peerMaxFrame = values[Http2Frames.SETTINGS_MAX_FRAME_SIZE];
    }
    writer.settingsAck();
    sendContent();
  }

  @Override
  public void ping(long payload) {
    writer.pingAck(payload);
  }

  @Override
  public void goAway(int lastGoodStreamId, ErrorCode errorCode) {
    if (lastGoodStreamId < STREAM && !done) {
      failure = new StreamReset(ErrorCode.REFUSED_STREAM); // OkHttp's answer for a stream left out
    }
  }

  @Override
  public void windowUpdate(int streamId, long increment) {
    if (streamId == 0) {
      connectionSendWindow += increment;
    } else if (streamId == STREAM) {
      sendWindow += increment;
    }
    sendContent();
  }

  @Override
  public void pushPromise(int streamId, int promisedStreamId) {
    writer.rstStream(promisedStreamId, ErrorCode.CANCEL); // OkHttp's default push observer cancels every push
  }

  /** The content, as far as the peer's windows allow, the last frame ending the stream (empty content: one frame). */
  private void sendContent() {
    byte[] c = content;
    if (c == null || contentSent < 0) {
      return;
    }
    // OkHttp's sink sends whole 16 KiB frames as the content is written and the rest when it is closed, ending the
    // stream with it; content that fills its last frame exactly has all gone by then: an empty frame ends it
    boolean emptyEnd = c.length % Http2Frames.MAX_FRAME == 0;
    while (contentSent < c.length) {
      long window = Math.min(sendWindow, connectionSendWindow);
      int n = (int) Math.min(Math.min(window, Math.min(peerMaxFrame, Http2Frames.MAX_FRAME)), c.length - contentSent);
      if (n <= 0) {
        return;
      }
      writer.data(!emptyEnd && contentSent + n == c.length, STREAM, c, contentSent, n);
      contentSent += n;
      sendWindow -= n;
      connectionSendWindow -= n;
    }
    if (emptyEnd) {
      writer.data(true, STREAM, c, 0, 0);
    }
    contentSent = -1; // all sent
  }

  @Override
  public String toString() {
    return "Http2Codec[" + (done ? "done" : headersDone ? "body" : "headers") + "]";
  }
}
