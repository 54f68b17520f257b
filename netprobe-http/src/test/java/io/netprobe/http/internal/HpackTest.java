package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HPACK against RFC 7541's own examples (Appendix C): requests encoded as the RFC encodes them — which is what
 * OkHttp's writer does for these headers — and requests and responses decoded, the dynamic table carried from one
 * block to the next, evictions included.
 */
class HpackTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void requestsAreEncodedAsRfc7541AppendixC4WithHuffmanAndTheDynamicTable() {
    Hpack.Encoder encoder = new Hpack.Encoder();
    assertThat(HEX.formatHex(encoder.encode(List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
        f(":authority", "www.example.com"))))).isEqualTo("828684418cf1e3c2e5f23a6ba0ab90f4ff");
    assertThat(HEX.formatHex(encoder.encode(List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
        f(":authority", "www.example.com"), f("cache-control", "no-cache")))))
        .isEqualTo("828684be5886a8eb10649cbf");
    assertThat(HEX.formatHex(encoder.encode(List.of(f(":method", "GET"), f(":scheme", "https"),
        f(":path", "/index.html"), f(":authority", "www.example.com"), f("custom-key", "custom-value")))))
        .isEqualTo("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf");
  }

  @Test
  void requestsAreDecodedAsRfc7541AppendixC3AndC4() throws IOException {
    Hpack.Decoder plain = new Hpack.Decoder();
    assertThat(plain.decode(HEX.parseHex("828684410f7777772e6578616d706c652e636f6d"))).containsExactly(
        f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"));
    assertThat(plain.decode(HEX.parseHex("828684be58086e6f2d6361636865"))).containsExactly(f(":method", "GET"),
        f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"), f("cache-control", "no-cache"));
    Hpack.Decoder huffman = new Hpack.Decoder();
    huffman.decode(HEX.parseHex("828684418cf1e3c2e5f23a6ba0ab90f4ff"));
    huffman.decode(HEX.parseHex("828684be5886a8eb10649cbf"));
    assertThat(huffman.decode(HEX.parseHex("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"))).containsExactly(
        f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"), f(":authority", "www.example.com"),
        f("custom-key", "custom-value"));
  }

  /** C.6: responses with Huffman in a 256-byte table (a size update first), entries evicted as they come. */
  @Test
  void responsesAreDecodedAsRfc7541AppendixC6WithEvictions() throws IOException {
    Hpack.Decoder decoder = new Hpack.Decoder();
    decoder.decode(HEX.parseHex("3fe101")); // a dynamic table size update to 256
    assertThat(decoder.decode(HEX.parseHex("488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff"
        + "6e919d29ad171863c78f0b97c8e9ae82ae43d3"))).containsExactly(f(":status", "302"),
        f("cache-control", "private"), f("date", "Mon, 21 Oct 2013 20:13:21 GMT"),
        f("location", "https://www.example.com"));
    assertThat(decoder.decode(HEX.parseHex("4883640effc1c0bf"))).containsExactly(f(":status", "307"),
        f("cache-control", "private"), f("date", "Mon, 21 Oct 2013 20:13:21 GMT"),
        f("location", "https://www.example.com"));
    assertThat(decoder.decode(HEX.parseHex("88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94"
        + "e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007")))
        .containsExactly(f(":status", "200"), f("cache-control", "private"),
            f("date", "Mon, 21 Oct 2013 20:13:22 GMT"), f("location", "https://www.example.com"),
            f("content-encoding", "gzip"),
            f("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"));
  }

  @Test
  void malformedBlocksFailWithOkHttpsWords() {
    assertThatThrownBy(() -> new Hpack.Decoder().decode(new byte[] {(byte) 0x80})).hasMessage("index == 0");
    assertThatThrownBy(() -> new Hpack.Decoder().decode(new byte[] {(byte) 0xff, 0x10}))
        .hasMessage("Header index too large 143");
    assertThatThrownBy(() -> new Hpack.Decoder().decode(HEX.parseHex("3fe926")))
        .hasMessage("Invalid dynamic table size update 5000");
    assertThatThrownBy(() -> new Hpack.Decoder().decode(HEX.parseHex("0001410161")))
        .hasMessage("PROTOCOL_ERROR response malformed: mixed case name: A");
  }

  private static Hpack.Field f(String name, String value) {
    return new Hpack.Field(name, value);
  }
}
