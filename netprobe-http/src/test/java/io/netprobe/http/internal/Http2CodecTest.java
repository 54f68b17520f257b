package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 exchange's flow control on its own: content is sent only as far as the peer's windows allow — the stream's
 * and the connection's — and the rest once they open; frames of 16 KB at most; the last one ends the stream.
 */
class Http2CodecTest {
  @Test
  void contentWaitsForThePeersWindowsAndGoesOnWhenTheyOpen() throws Exception {
    byte[] content = new byte[100_000];
    Http2Codec codec = new Http2Codec(List.of(new Hpack.Field(":method", "PUT")), content, false, 1024);
    List<int[]> sent = dataFrames(codec.output());
    assertThat(sent.stream().mapToInt(f -> f[0]).sum()).as("the default windows: 65,535 bytes").isEqualTo(65_535);
    assertThat(sent).allSatisfy(f -> assertThat(f[0]).isLessThanOrEqualTo(16_384));
    assertThat(sent.get(sent.size() - 1)[1] & 1).as("not the end yet").isZero();

    // the stream's window raised by settings: the connection's still holds the rest back
    codec.feed(ByteBuffer.wrap(EngineHttpsParityTest.frame(4, 0, 0, new byte[] {0, 4, 0, 2, 0, 0})));
    assertThat(dataFrames(codec.output())).isEmpty();
    // the connection's opened: the rest goes, the last frame ends the stream
    codec.feed(ByteBuffer.wrap(EngineHttpsParityTest.frame(8, 0, 0, new byte[] {0, 1, 0, 0})));
    List<int[]> rest = dataFrames(codec.output());
    assertThat(rest.stream().mapToInt(f -> f[0]).sum()).isEqualTo(100_000 - 65_535);
    assertThat(rest.get(rest.size() - 1)[1] & 1).isEqualTo(1);
  }

  /** The DATA frames in {@code out}: length and flags. */
  private static List<int[]> dataFrames(ByteBuffer out) {
    List<int[]> frames = new ArrayList<>();
    if (out == null) {
      return frames;
    }
    byte[] b = new byte[out.remaining()];
    out.get(b);
    int i = b.length >= 24 && b[0] == 'P' && b[1] == 'R' && b[2] == 'I' ? 24 : 0;
    while (i + 9 <= b.length) {
      int length = (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | b[i + 2] & 0xff;
      if (b[i + 3] == 0) {
        frames.add(new int[] {length, b[i + 4] & 0xff});
      }
      i += 9 + length;
    }
    return frames;
  }
}
