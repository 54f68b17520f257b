package io.netprobe.internal;

/** Bytes as a conversation shows them. Stateless; thread-safe. */
public final class ByteText {
  private ByteText() {}

  /** Printable ASCII as is, other bytes (and quote, backslash) as {@code \xHH}, cut after 64 bytes, quoted. */
  public static String shown(byte[] bytes) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < Math.min(bytes.length, 64); i++) {
      int c = bytes[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.append(bytes.length > 64 ? "…\"" : "\"").toString();
  }
}
