package io.netprobe.testing.site;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny authoritative DNS server over UDP for one zone, for tests and the offline demo: A and AAAA records for the
 * names it holds, NODATA (with the SOA) for other types of those names, NXDOMAIN (with the SOA) for other names in
 * the zone, REFUSED outside it, FORMERR for malformed queries and NOTIMP for opcodes other than QUERY. It echoes EDNS
 * when the query carries an OPT record. Every record has a TTL of {@value #TTL_SECONDS} seconds. It listens on
 * 127.0.0.1, on a free port.
 *
 * <pre>{@code
 * try (LocalDnsServer dns = LocalDnsServer.builder("shop.example").address("www.shop.example", "127.0.0.1").start()) {
 *   Probes.dns("www.shop.example").server("127.0.0.1", dns.address().getPort()).run();
 * }
 * }</pre>
 *
 * <p>Thread-safe: one daemon thread answers from immutable records; {@link #close()} closes the socket and waits for
 * that thread to end.
 */
public final class LocalDnsServer implements AutoCloseable {
  /** The TTL of every record served, in seconds. */
  public static final int TTL_SECONDS = 300;
  private static final int TYPE_A = 1;
  private static final int TYPE_SOA = 6;
  private static final int TYPE_AAAA = 28;
  private static final int TYPE_OPT = 41;
  private static final int TYPE_ANY = 255;
  private static final int CLASS_IN = 1;
  private static final int FORMERR = 1;
  private static final int NXDOMAIN = 3;
  private static final int NOTIMP = 4;
  private static final int REFUSED = 5;

  private final String zone;
  private final Map<String, List<InetAddress>> addresses;
  private final DatagramChannel channel;
  private final Thread thread;

  private LocalDnsServer(String zone, Map<String, List<InetAddress>> addresses) throws IOException {
    this.zone = zone;
    this.addresses = Map.copyOf(addresses);
    this.channel = DatagramChannel.open();
    try {
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    this.thread = new Thread(this::serve, "netprobe-local-dns-" + address().getPort());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A server for {@code zone} (a DNS name such as {@code shop.example}; case does not matter, a trailing dot is
   * dropped).
   *
   * @throws IllegalArgumentException when {@code zone} is not a DNS name
   */
  public static Builder builder(String zone) {
    return new Builder(zone);
  }

  /** The names this server holds, lower case without the trailing dot, each with its addresses in order. */
  public Map<String, List<InetAddress>> records() {
    return addresses;
  }

  /** The zone it answers for, lower case without the trailing dot. */
  public String zone() {
    return zone;
  }

  /** Where it listens: 127.0.0.1 and its port (UDP). */
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the local DNS server is closed", e);
    }
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(4096);
    while (channel.isOpen()) {
      try {
        in.clear();
        SocketAddress client = channel.receive(in);
        in.flip();
        byte[] query = new byte[in.remaining()];
        in.get(query);
        byte[] answer = answer(query);
        if (answer != null) {
          channel.send(ByteBuffer.wrap(answer), client);
        }
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // one bad exchange must not stop the server; the client retries or times out
      }
    }
  }

  /** The response to one query message, or null when it is not worth answering (too short, or a response). */
  byte[] answer(byte[] query) {
    if (query.length < 12 || (query[2] & 0x80) != 0) {
      return null;
    }
    int id = u16(query, 0);
    int opcode = (query[2] >> 3) & 0x0f;
    boolean recursionDesired = (query[2] & 0x01) != 0;
    if (opcode != 0) {
      return new Message(id, recursionDesired, NOTIMP).bytes();
    }
    if (u16(query, 4) != 1) {
      return new Message(id, recursionDesired, FORMERR).bytes();
    }
    Question q = Question.parse(query, 12);
    if (q == null) {
      return new Message(id, recursionDesired, FORMERR).bytes();
    }
    Message m = new Message(id, recursionDesired, 0);
    m.question(query, 12, q.end());
    m.edns(u16(query, 10) > 0 && hasOpt(query, q.end()));
    String name = q.name();
    if (q.qclass() != CLASS_IN || !(name.equals(zone) || name.endsWith("." + zone))) {
      m.rcode(REFUSED);
      return m.bytes();
    }
    List<InetAddress> held = addresses.get(name);
    for (InetAddress a : held == null ? List.<InetAddress>of() : held) {
      int type = a instanceof Inet6Address ? TYPE_AAAA : TYPE_A;
      if (q.type() == type || q.type() == TYPE_ANY) {
        m.answer(name, type, a.getAddress());
      }
    }
    if (m.answers > 0) {
      return m.bytes();
    }
    if (name.equals(zone) && q.type() == TYPE_SOA) {
      m.answer(zone, TYPE_SOA, soa());
    } else {
      if (held == null && !name.equals(zone)) {
        m.rcode(NXDOMAIN);
      }
      m.authority(zone, TYPE_SOA, soa());
    }
    return m.bytes();
  }

  private byte[] soa() {
    ByteBuffer b = ByteBuffer.allocate(512);
    b.put(encodeName("ns1." + zone)).put(encodeName("hostmaster." + zone));
    b.putInt(2026112401).putInt(7200).putInt(3600).putInt(1209600).putInt(TTL_SECONDS);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  private static boolean hasOpt(byte[] query, int offset) {
    // the OPT record: root name (one zero byte), then TYPE 41
    return offset + 3 <= query.length && query[offset] == 0 && u16(query, offset + 1) == TYPE_OPT;
  }

  static int u16(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
  }

  static byte[] encodeName(String name) {
    ByteBuffer b = ByteBuffer.allocate(name.length() + 2);
    for (String label : name.split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) bytes.length).put(bytes);
    }
    b.put((byte) 0);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What a {@link LocalDnsServer} holds, before it starts. Not thread-safe; {@link #start()} copies it, so one builder
   * may start several servers.
   */
  public static final class Builder {
    private final String zone;
    private final Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();

    private Builder(String zone) {
      this.zone = SiteNames.name(zone, "zone");
    }

    /**
     * Adds address records for {@code name}: an A record for each IPv4 literal, an AAAA record for each IPv6 literal.
     *
     * @throws IllegalArgumentException when {@code name} is not in the zone, or an address is not an IP literal
     */
    public Builder address(String name, String... literals) {
      List<InetAddress> parsed = new ArrayList<>();
      for (String literal : literals) {
        parsed.add(SiteNames.ipLiteral(literal));
      }
      return address(name, parsed.toArray(new InetAddress[0]));
    }

    /**
     * Adds address records for {@code name} (see {@link #address(String, String...)}).
     *
     * @throws IllegalArgumentException when {@code name} is not in the zone or no address is given
     */
    public Builder address(String name, InetAddress... more) {
      String n = SiteNames.name(name, "name");
      if (!n.equals(zone) && !n.endsWith("." + zone)) {
        throw new IllegalArgumentException("name " + name + " is not in the zone " + zone);
      }
      if (more.length == 0) {
        throw new IllegalArgumentException("name " + name + " needs at least one address");
      }
      addresses.computeIfAbsent(n, k -> new ArrayList<>()).addAll(List.of(more));
      return this;
    }

    /** Binds 127.0.0.1 on a free UDP port and starts answering. */
    public LocalDnsServer start() throws IOException {
      Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
      addresses.forEach((name, list) -> copy.put(name, List.copyOf(list)));
      return new LocalDnsServer(zone, copy);
    }
  }

  /** The question of a query: the name (lower case, no trailing dot), type and class, and where it ends. */
  record Question(String name, int type, int qclass, int end) {
    static Question parse(byte[] m, int offset) {
      StringBuilder name = new StringBuilder();
      int i = offset;
      while (true) {
        if (i >= m.length) {
          return null;
        }
        int len = m[i] & 0xff;
        if (len == 0) {
          i++;
          break;
        }
        if (len > 63 || i + 1 + len > m.length) {
          return null; // compression pointers and overruns have no place in a question
        }
        if (name.length() > 0) {
          name.append('.');
        }
        name.append(new String(m, i + 1, len, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
        i += 1 + len;
      }
      if (i + 4 > m.length) {
        return null;
      }
      return new Question(name.toString(), u16(m, i), u16(m, i + 2), i + 4);
    }
  }

  /** A response being built. */
  private static final class Message {
    private final ByteBuffer header = ByteBuffer.allocate(12);
    private final ByteBuffer body = ByteBuffer.allocate(1024);
    private final int id;
    private final boolean recursionDesired;
    private int rcode;
    private int questions;
    private int answers;
    private int authorities;
    private boolean edns;

    Message(int id, boolean recursionDesired, int rcode) {
      this.id = id;
      this.recursionDesired = recursionDesired;
      this.rcode = rcode;
    }

    void rcode(int code) {
      this.rcode = code;
    }

    void edns(boolean on) {
      this.edns = on;
    }

    void question(byte[] query, int from, int to) {
      body.put(query, from, to - from);
      questions = 1;
    }

    void answer(String name, int type, byte[] rdata) {
      record(name, type, rdata);
      answers++;
    }

    void authority(String name, int type, byte[] rdata) {
      record(name, type, rdata);
      authorities++;
    }

    private void record(String name, int type, byte[] rdata) {
      body.put(encodeName(name)).putShort((short) type).putShort((short) CLASS_IN).putInt(TTL_SECONDS)
          .putShort((short) rdata.length).put(rdata);
    }

    byte[] bytes() {
      int flags = 0x8000 | 0x0400 | (recursionDesired ? 0x0100 : 0) | rcode; // QR, AA, RD echoed
      if (edns) {
        body.put((byte) 0).putShort((short) TYPE_OPT).putShort((short) 1232).putInt(0).putShort((short) 0);
      }
      header.putShort((short) id).putShort((short) flags).putShort((short) questions).putShort((short) answers)
          .putShort((short) authorities).putShort((short) (edns ? 1 : 0));
      byte[] out = new byte[12 + body.position()];
      System.arraycopy(header.array(), 0, out, 0, 12);
      System.arraycopy(body.array(), 0, out, 12, body.position());
      return out;
    }
  }
}
