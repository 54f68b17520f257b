package io.netprobe.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A UDP server that makes demultiplexing hard: it collects queries in rounds, then answers them in random order,
 * each answer preceded by a reply with a wrong id, a reply with the right id but another question, and sent twice.
 * {@code hN.example.test} answers A 10.0.(N/256).(N%256), so a caller can tell whether it got its own answer.
 */
final class ScramblingServer implements AutoCloseable {
  private final DatagramChannel udp;
  private final Thread thread;
  private final Set<Integer> sourcePorts = ConcurrentHashMap.newKeySet();
  private final Random random = new Random(13);

  ScramblingServer() throws IOException {
    udp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    // a burst of thousands of queries must not overflow the default buffer on a busy machine
    udp.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
    thread = new Thread(this::serve, "scrambling-dns");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return udp.socket().getLocalPort();
  }

  /** The client ports queries came from. */
  Set<Integer> sourcePorts() {
    return Set.copyOf(sourcePorts);
  }

  static String address(int n) {
    return "10.0." + (n / 256) + "." + (n % 256);
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(65535);
    List<Object[]> round = new ArrayList<>();
    try {
      udp.configureBlocking(true);
      udp.socket().setSoTimeout(0);
      while (udp.isOpen()) {
        in.clear();
        SocketAddress from = udp.receive(in);
        sourcePorts.add(((InetSocketAddress) from).getPort());
        in.flip();
        byte[] b = new byte[in.remaining()];
        in.get(b);
        round.add(new Object[] {new Message(b), from});
        // answer in rounds of up to 64, or whatever has come when the socket is quiet
        udp.configureBlocking(false);
        while (round.size() < 64) {
          in.clear();
          SocketAddress more = udp.receive(in);
          if (more == null) {
            Thread.sleep(2);
            in.clear();
            more = udp.receive(in);
            if (more == null) {
              break;
            }
          }
          sourcePorts.add(((InetSocketAddress) more).getPort());
          in.flip();
          byte[] m = new byte[in.remaining()];
          in.get(m);
          round.add(new Object[] {new Message(m), more});
        }
        udp.configureBlocking(true);
        Collections.shuffle(round, random);
        for (Object[] q : round) {
          answer((Message) q[0], (SocketAddress) q[1]);
        }
        round.clear();
      }
    } catch (IOException | InterruptedException e) {
      // closed
    }
  }

  private void answer(Message query, SocketAddress to) throws IOException {
    Record question = query.getQuestion();
    String label = question.getName().getLabelString(0);
    int n = Integer.parseInt(label.substring(1));
    Message right = reply(query, question, n);
    Message wrongId = reply(query, question, n + 1);
    wrongId.getHeader().setID(query.getHeader().getID() ^ 0x1111);
    Record other = Record.newRecord(Name.fromString("h" + (n + 1) + ".example.test."), Type.A, DClass.IN);
    Message wrongQuestion = reply(query, other, n + 1);
    udp.send(ByteBuffer.wrap(wrongId.toWire()), to);
    udp.send(ByteBuffer.wrap(wrongQuestion.toWire()), to);
    byte[] wire = right.toWire();
    udp.send(ByteBuffer.wrap(wire), to);
    udp.send(ByteBuffer.wrap(wire), to);
  }

  private static Message reply(Message query, Record question, int n) throws IOException {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RD);
    m.getHeader().setFlag(Flags.RA);
    m.addRecord(question, Section.QUESTION);
    m.addRecord(new ARecord(question.getName(), DClass.IN, 60,
        java.net.InetAddress.getByName(address(n))), Section.ANSWER);
    return m;
  }

  @Override
  public void close() throws IOException {
    udp.close();
    thread.interrupt();
  }
}
