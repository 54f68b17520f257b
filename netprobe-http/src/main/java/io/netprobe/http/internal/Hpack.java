package io.netprobe.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HPACK (RFC 7541), the header compression of HTTP/2, for one connection's two directions: the {@link Encoder} writes a
 * request's header block as OkHttp's {@code Hpack.Writer} does (the static table's exact matches indexed, names indexed
 * with their values added to the dynamic table — pseudo-headers but {@code :authority} left out of it — and a string
 * Huffman-coded when that is shorter), the {@link Decoder} reads a response's block with OkHttp's rules and errors (its
 * dynamic table, size updates within the 4,096 bytes allowed, names that must be lower case). Not thread-safe: one
 * exchange's loop uses them.
 */
final class Hpack {
  /** The table size both ends start with (SETTINGS_HEADER_TABLE_SIZE's default, which OkHttp never changes). */
  static final int TABLE_SIZE = 4096;

  /** RFC 7541 Appendix A. */
  private static final String[][] STATIC_TABLE = {
      {":authority", ""},
      {":method", "GET"},
      {":method", "POST"},
      {":path", "/"},
      {":path", "/index.html"},
      {":scheme", "http"},
      {":scheme", "https"},
      {":status", "200"},
      {":status", "204"},
      {":status", "206"},
      {":status", "304"},
      {":status", "400"},
      {":status", "404"},
      {":status", "500"},
      {"accept-charset", ""},
      {"accept-encoding", "gzip, deflate"},
      {"accept-language", ""},
      {"accept-ranges", ""},
      {"accept", ""},
      {"access-control-allow-origin", ""},
      {"age", ""},
      {"allow", ""},
      {"authorization", ""},
      {"cache-control", ""},
      {"content-disposition", ""},
      {"content-encoding", ""},
      {"content-language", ""},
      {"content-length", ""},
      {"content-location", ""},
      {"content-range", ""},
      {"content-type", ""},
      {"cookie", ""},
      {"date", ""},
      {"etag", ""},
      {"expect", ""},
      {"expires", ""},
      {"from", ""},
      {"host", ""},
      {"if-match", ""},
      {"if-modified-since", ""},
      {"if-none-match", ""},
      {"if-range", ""},
      {"if-unmodified-since", ""},
      {"last-modified", ""},
      {"link", ""},
      {"location", ""},
      {"max-forwards", ""},
      {"proxy-authenticate", ""},
      {"proxy-authorization", ""},
      {"range", ""},
      {"referer", ""},
      {"refresh", ""},
      {"retry-after", ""},
      {"server", ""},
      {"set-cookie", ""},
      {"strict-transport-security", ""},
      {"transfer-encoding", ""},
      {"user-agent", ""},
      {"vary", ""},
      {"via", ""},
      {"www-authenticate", ""},
  };
  private static final Map<String, Integer> FIRST_INDEX_OF_NAME = new HashMap<>();


  static {
    for (int i = STATIC_TABLE.length - 1; i >= 0; i--) {
      FIRST_INDEX_OF_NAME.put(STATIC_TABLE[i][0], i);
    }
  }

  private Hpack() {}

  /** A header of a block: its name (lower case for HTTP/2) and value. */
  record Field(String name, String value) {
    int size() {
      return name.length() + value.length() + 32; // RFC 7541 4.1, on ASCII text
    }
  }

  /** The dynamic table of one direction: newest first, entries evicted from the oldest to stay within the size. */
  private static final class DynamicTable {
    final ArrayDeque<Field> entries = new ArrayDeque<>();
    int size;
    int max = TABLE_SIZE;

    void add(Field f) {
      if (f.size() > max) {
        entries.clear();
        size = 0;
        return;
      }
      entries.addFirst(f);
      size += f.size();
      evict();
    }

    void resize(int newMax) {
      max = newMax;
      evict();
    }

    private void evict() {
      while (size > max) {
        size -= entries.removeLast().size();
      }
    }

    /** The entry at {@code index} from 0, newest first. */
    Field get(int index) {
      Iterator<Field> it = entries.iterator();
      for (int i = 0; i < index; i++) {
        it.next();
      }
      return it.next();
    }
  }

  /** Writes header blocks as OkHttp does. */
  static final class Encoder {
    private final DynamicTable table = new DynamicTable();

    byte[] encode(List<Field> block) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      for (Field header : block) {
        String name = header.name().toLowerCase(Locale.ROOT);
        String value = header.value();
        int headerIndex = -1;
        int nameIndex = -1;
        Integer first = FIRST_INDEX_OF_NAME.get(name);
        if (first != null) {
          nameIndex = first + 1;
          if (nameIndex >= 2 && nameIndex <= 7) {
            // OkHttp only looks at the pairs whose values matter (:method, :path, :scheme)
            if (STATIC_TABLE[nameIndex - 1][1].equals(value)) {
              headerIndex = nameIndex;
            } else if (STATIC_TABLE[nameIndex][1].equals(value)) {
              headerIndex = nameIndex + 1;
            }
          }
        }
        if (headerIndex == -1) {
          int i = 0;
          for (Field f : table.entries) {
            if (f.name().equals(name)) {
              if (f.value().equals(value)) {
                headerIndex = STATIC_TABLE.length + 1 + i;
                break;
              } else if (nameIndex == -1) {
                nameIndex = STATIC_TABLE.length + 1 + i;
              }
            }
            i++;
          }
        }
        if (headerIndex != -1) {
          writeInt(out, headerIndex, 0x7f, 0x80);
        } else if (nameIndex == -1) {
          out.write(0x40);
          writeString(out, name);
          writeString(out, value);
          table.add(new Field(name, value));
        } else if (name.startsWith(":") && !name.equals(":authority")) {
          writeInt(out, nameIndex, 0x0f, 0);
          writeString(out, value);
        } else {
          writeInt(out, nameIndex, 0x3f, 0x40);
          writeString(out, value);
          table.add(new Field(name, value));
        }
      }
      return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      int huffmanLength = Huffman.encodedLength(bytes);
      if (huffmanLength < bytes.length) {
        writeInt(out, huffmanLength, 0x7f, 0x80);
        Huffman.encode(bytes, out);
      } else {
        writeInt(out, bytes.length, 0x7f, 0);
        out.writeBytes(bytes);
      }
    }

    private static void writeInt(ByteArrayOutputStream out, int value, int prefixMask, int bits) {
      if (value < prefixMask) {
        out.write(bits | value);
        return;
      }
      out.write(bits | prefixMask);
      value -= prefixMask;
      while (value >= 0x80) {
        out.write(value & 0x7f | 0x80);
        value >>>= 7;
      }
      out.write(value);
    }
  }

  /** Reads header blocks with OkHttp's rules. */
  static final class Decoder {
    private final DynamicTable table = new DynamicTable();
    private byte[] in = new byte[0];
    private int pos;
    private int limit;

    List<Field> decode(byte[] block) throws IOException {
      in = block;
      pos = 0;
      limit = block.length;
      List<Field> fields = new ArrayList<>();
      while (pos < limit) {
        int b = in[pos++] & 0xff;
        if (b == 0x80) {
          throw new IOException("index == 0");
        } else if ((b & 0x80) == 0x80) {
          fields.add(indexed(readInt(b, 0x7f) - 1));
        } else if (b == 0x40) {
          Field f = new Field(checkLowercase(readString()), readString());
          table.add(f);
          fields.add(f);
        } else if ((b & 0x40) == 0x40) {
          Field f = new Field(indexed(readInt(b, 0x3f) - 1).name(), readString());
          table.add(f);
          fields.add(f);
        } else if ((b & 0x20) == 0x20) {
          int size = readInt(b, 0x1f);
          if (size < 0 || size > TABLE_SIZE) {
            throw new IOException("Invalid dynamic table size update " + size);
          }
          table.resize(size);
        } else if (b == 0x10 || b == 0) {
          fields.add(new Field(checkLowercase(readString()), readString()));
        } else {
          fields.add(new Field(indexed(readInt(b, 0x0f) - 1).name(), readString()));
        }
      }
      return fields;
    }

    private Field indexed(int index) throws IOException {
      if (index >= 0 && index < STATIC_TABLE.length) {
        return new Field(STATIC_TABLE[index][0], STATIC_TABLE[index][1]);
      }
      int dynamic = index - STATIC_TABLE.length;
      if (dynamic < 0 || dynamic >= table.entries.size()) {
        throw new IOException("Header index too large " + (index + 1));
      }
      return table.get(dynamic);
    }

    private int readByte() throws IOException {
      if (pos >= limit) {
        throw new java.io.EOFException();
      }
      return in[pos++] & 0xff;
    }

    private int readInt(int first, int prefixMask) throws IOException {
      int prefix = first & prefixMask;
      if (prefix < prefixMask) {
        return prefix;
      }
      int result = prefixMask;
      int shift = 0;
      while (true) {
        int b = readByte();
        if ((b & 0x80) != 0) {
          result += (b & 0x7f) << shift;
          shift += 7;
          if (shift > 28) {
            throw new IOException("HPACK integer too large");
          }
        } else {
          return result + (b << shift);
        }
      }
    }

    private String readString() throws IOException {
      int first = readByte();
      boolean huffman = (first & 0x80) == 0x80;
      int length = readInt(first, 0x7f);
      if (length < 0 || length > limit - pos) {
        throw new java.io.EOFException();
      }
      byte[] raw = java.util.Arrays.copyOfRange(in, pos, pos + length);
      pos += length;
      return new String(huffman ? Huffman.decode(raw) : raw, StandardCharsets.UTF_8);
    }

    private static String checkLowercase(String name) throws IOException {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          throw new IOException("PROTOCOL_ERROR response malformed: mixed case name: " + name);
        }
      }
      return name;
    }
  }
}
