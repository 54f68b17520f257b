package io.netprobe.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An in-JVM authoritative DNS server on a loopback port (UDP and TCP) with fault injection per name: delays,
 * silence, wrong ids or questions before the real answer, truncation, FORMERR, SERVFAIL with an Extended DNS Error,
 * oversized and malformed packets. Records are given in zone-file syntax. Thread-safe; close it after the test.
 */
final class FakeDnsServer implements AutoCloseable {
  /** What the server does with questions for a name. */
  enum Fault {
    NONE, SILENT, WRONG_ID_FIRST, WRONG_QUESTION_FIRST, ONLY_WRONG_ID, TRUNCATE_UDP, FORMERR_WITHOUT_OPT,
    FORMERR_WHEN_EDNS, SERVFAIL_WITH_EDE, REFUSED, OVERSIZED_UDP, MALFORMED_ONLY, MALFORMED_FIRST, DELAY,
    TRUNCATE_BOTH, COMPRESSION_LOOP_ONLY
  }

  private final DatagramChannel udp;
  private final ServerSocketChannel tcp;
  private final List<Record> records = new CopyOnWriteArrayList<>();
  private final Map<Name, Fault> faults = new ConcurrentHashMap<>();
  private final Map<Name, Duration> delays = new ConcurrentHashMap<>();
  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final Name soaOwner;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean silentServer;

  FakeDnsServer(String zone) throws IOException {
    this(zone, "127.0.0.1");
  }

  /** A server for {@code zone} on a free port of {@code address} (a loopback literal: 127.0.0.1 or ::1). */
  FakeDnsServer(String zone, String address) throws IOException {
    this.soaOwner = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    InetAddress loopback = InetAddress.getByName(address);
    // UDP and TCP on the same port, as a DNS server has them
    DatagramChannel u = null;
    ServerSocketChannel t = null;
    for (int i = 0; i < 50 && t == null; i++) {
      u = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
      try {
        t = ServerSocketChannel.open().bind(
            new InetSocketAddress(loopback, ((InetSocketAddress) u.getLocalAddress()).getPort()));
      } catch (IOException taken) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no port free for both UDP and TCP");
    }
    udp = u;
    tcp = t;
    record(soaOwner + " 300 IN SOA ns1." + soaOwner + " hostmaster." + soaOwner + " 1 7200 3600 1209600 300");
    start("fake-dns-udp", this::serveUdp);
    start("fake-dns-tcp", this::serveTcp);
  }

  private void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /** Adds a record in zone-file syntax: {@code www.example.test. 300 IN A 192.0.2.1}. */
  FakeDnsServer record(String line) {
    try {
      String[] f = line.split("\\s+", 5);
      records.add(Record.fromString(Name.fromString(f[0]), Type.value(f[3]), DClass.IN, Long.parseLong(f[1]), f[4],
          Name.root));
    } catch (IOException e) {
      throw new IllegalArgumentException(line, e);
    }
    return this;
  }

  FakeDnsServer fault(String name, Fault fault) {
    faults.put(name(name), fault);
    return this;
  }

  FakeDnsServer delay(String name, Duration delay) {
    faults.put(name(name), Fault.DELAY);
    delays.put(name(name), delay);
    return this;
  }

  /** Makes the whole server drop every query. */
  FakeDnsServer silent() {
    silentServer = true;
    return this;
  }

  InetSocketAddress udpAddress() throws IOException {
    return (InetSocketAddress) udp.getLocalAddress();
  }

  int port() {
    try {
      return udpAddress().getPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Message> received() {
    return List.copyOf(received);
  }

  int tcpQueries() {
    return tcpQueries.get();
  }

  private static Name name(String n) {
    try {
      return Name.fromString(n.endsWith(".") ? n : n + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException(n, e);
    }
  }

  private void serveUdp() {
    ByteBuffer in = ByteBuffer.allocate(65535);
    while (udp.isOpen()) {
      try {
        in.clear();
        SocketAddress from = udp.receive(in);
        byte[] bytes = new byte[in.flip().remaining()];
        in.get(bytes);
        Message query = new Message(bytes);
        received.add(query);
        if (silentServer) {
          continue;
        }
        for (byte[] reply : replies(query, false)) {
          udp.send(ByteBuffer.wrap(reply), from);
        }
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        // a query the fake cannot parse: ignore it, as a server would
      }
    }
  }

  private void serveTcp() {
    while (tcp.isOpen()) {
      try (SocketChannel c = tcp.accept()) {
        ByteBuffer len = ByteBuffer.allocate(2);
        while (len.hasRemaining() && c.read(len) >= 0) {
          // reading the length
        }
        ByteBuffer body = ByteBuffer.allocate(len.flip().getShort() & 0xffff);
        while (body.hasRemaining() && c.read(body) >= 0) {
          // reading the query
        }
        Message query = new Message(body.array());
        received.add(query);
        tcpQueries.incrementAndGet();
        if (silentServer) {
          Thread.sleep(5000);
          continue;
        }
        for (byte[] reply : replies(query, true)) {
          ByteBuffer out = ByteBuffer.allocate(2 + reply.length);
          out.putShort((short) reply.length).put(reply).flip();
          while (out.hasRemaining()) {
            c.write(out);
          }
        }
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException | RuntimeException | InterruptedException e) {
        // next connection
      }
    }
  }

  private List<byte[]> replies(Message query, boolean overTcp) throws IOException {
    Name qname = query.getQuestion().getName();
    Fault fault = faults.getOrDefault(qname, Fault.NONE);
    List<byte[]> out = new ArrayList<>();
    switch (fault) {
      case SILENT:
        return out;
      case DELAY:
        sleep(delays.get(qname));
        break;
      case WRONG_ID_FIRST:
        out.add(withId(answer(query), query.getHeader().getID() ^ 0x5a5a));
        break;
      case ONLY_WRONG_ID:
        out.add(withId(answer(query), query.getHeader().getID() ^ 0x5a5a));
        return out;
      case WRONG_QUESTION_FIRST: {
        Message other = answer(query);
        other.removeAllRecords(Section.QUESTION);
        other.addRecord(Record.newRecord(name("other." + soaOwner), Type.A, DClass.IN), Section.QUESTION);
        out.add(other.toWire());
        break;
      }
      case MALFORMED_ONLY:
        out.add(malformed(query));
        return out;
      case MALFORMED_FIRST:
        out.add(malformed(query));
        break;
      case TRUNCATE_UDP:
        if (!overTcp) {
          Message tc = reply(query, Rcode.NOERROR);
          tc.getHeader().setFlag(Flags.TC);
          out.add(tc.toWire());
          return out;
        }
        break;
      case TRUNCATE_BOTH: {
        Message tc = reply(query, Rcode.NOERROR);
        tc.getHeader().setFlag(Flags.TC);
        out.add(tc.toWire());
        return out;
      }
      case COMPRESSION_LOOP_ONLY:
        out.add(compressionLoop(query));
        return out;
      case FORMERR_WITHOUT_OPT:
        out.add(bare(query, Rcode.FORMERR));
        return out;
      case FORMERR_WHEN_EDNS:
        if (query.getOPT() != null) {
          out.add(bare(query, Rcode.FORMERR));
          return out;
        }
        break;
      case SERVFAIL_WITH_EDE: {
        Message m = reply(query, Rcode.SERVFAIL);
        m.addRecord(new OPTRecord(1232, 0, 0, 0, new ExtendedErrorCodeOption(
            ExtendedErrorCodeOption.NO_REACHABLE_AUTHORITY, "all upstreams timed out")), Section.ADDITIONAL);
        out.add(m.toWire());
        return out;
      }
      case REFUSED:
        out.add(reply(query, Rcode.REFUSED).toWire());
        return out;
      case OVERSIZED_UDP: {
        Message m = answer(query);
        for (int i = 0; i < 40; i++) {
          m.addRecord(Record.fromString(qname, Type.TXT, DClass.IN, 60, "\"" + "x".repeat(100) + i + "\"",
              Name.root), Section.ANSWER);
        }
        out.add(m.toWire(65535));
        return out;
      }
      default:
        break;
    }
    out.add(answer(query).toWire(65535));
    return out;
  }

  private static byte[] withId(Message m, int id) {
    m.getHeader().setID(id);
    return m.toWire();
  }

  /** A header that promises an answer record, then stops. */
  private static byte[] malformed(Message query) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    byte[] header = m.toWire();
    header[7] = 3; // ANCOUNT 3, no records follow
    return header;
  }

  /** A header promising one question whose name is a compression pointer to itself. */
  private static byte[] compressionLoop(Message query) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    byte[] header = m.toWire();
    byte[] out = java.util.Arrays.copyOf(header, header.length + 6);
    out[5] = 1; // QDCOUNT 1
    out[12] = (byte) 0xc0; // a pointer to offset 12: to itself
    out[13] = 12;
    out[15] = 1; // type A
    out[17] = 1; // class IN
    return out;
  }

  /** A response with only the header (as some servers send FORMERR), no OPT. */
  private static byte[] bare(Message query, int rcode) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    return m.toWire();
  }

  private Message reply(Message query, int rcode) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.getHeader().setRcode(rcode);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    OPTRecord opt = query.getOPT();
    if (opt != null && rcode != Rcode.SERVFAIL) {
      boolean wantsNsid = !opt.getOptions(EDNSOption.Code.NSID).isEmpty();
      m.addRecord(wantsNsid
          ? new OPTRecord(1232, 0, 0, opt.getFlags(), new GenericEDNSOption(EDNSOption.Code.NSID,
              "fake-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
          : new OPTRecord(1232, 0, 0, opt.getFlags()), Section.ADDITIONAL);
    }
    return m;
  }

  private Message answer(Message query) {
    Record q = query.getQuestion();
    boolean nameExists = records.stream().anyMatch(r -> r.getName().equals(q.getName()));
    if (!nameExists) {
      Message m = reply(query, Rcode.NXDOMAIN);
      m.addRecord(soa(), Section.AUTHORITY);
      return m;
    }
    Message m = reply(query, Rcode.NOERROR);
    records.stream().filter(r -> r.getName().equals(q.getName()) && r.getType() == q.getType())
        .forEach(r -> m.addRecord(r, Section.ANSWER));
    if (m.getSection(Section.ANSWER).isEmpty()) {
      m.addRecord(soa(), Section.AUTHORITY);
    }
    if (query.getOPT() != null && (query.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO) != 0) {
      m.getHeader().setFlag(Flags.AD);
    }
    return m;
  }

  private Record soa() {
    return records.stream().filter(r -> r.getType() == Type.SOA).findFirst().orElseThrow();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
    for (Thread t : threads) {
      t.interrupt();
    }
  }
}
