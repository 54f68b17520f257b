package io.netprobe.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.EdnsInfo;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The wire decoder gives exactly what dnsjava and ResponseReader give, and gives up on what it does not know. */
class ReplyDecoderTest {
  private static final Name Q = name("n1.Bench.test.");

  @Test
  void anAnswerWithAuthorityAndAdditionalAsNsdSendsIt() throws Exception {
    Message m = response(Q, Type.A, Rcode.NOERROR);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(new ARecord(Q, DClass.IN, 300, InetAddress.getByName("10.0.1.255")), Section.ANSWER);
    m.addRecord(new NSRecord(name("bench.test."), DClass.IN, 300, name("ns1.bench.test.")), Section.AUTHORITY);
    m.addRecord(new ARecord(name("ns1.bench.test."), DClass.IN, 2147483647L, InetAddress.getByName("127.0.0.1")),
        Section.ADDITIONAL);
    m.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    assertSame(m, true);
  }

  @Test
  void everyTypeItKnows() throws Exception {
    Message m = response(Q, Type.ANY, Rcode.NOERROR);
    m.getHeader().setFlag(Flags.RA);
    m.getHeader().setFlag(Flags.AD);
    m.getHeader().setFlag(Flags.CD);
    m.getHeader().setFlag(Flags.TC);
    m.addRecord(new CNAMERecord(Q, DClass.IN, 60, name("Target-1.example.")), Section.ANSWER);
    m.addRecord(new AAAARecord(name("Target-1.example."), DClass.IN, 60, InetAddress.getByName("2001:db8::1")),
        Section.ANSWER);
    m.addRecord(new MXRecord(Q, DClass.IN, 60, 10, name("mail.example.")), Section.ANSWER);
    m.addRecord(new PTRRecord(name("4.3.2.1.in-addr.arpa."), DClass.IN, 60, name("host.example.")),
        Section.ANSWER);
    m.addRecord(new DNAMERecord(name("d.example."), DClass.IN, 60, name("x_y.example.")), Section.ANSWER);
    m.addRecord(new ARecord(name("*.wild.example."), DClass.CH, 0, InetAddress.getByName("1.2.3.4")),
        Section.ANSWER);
    String l63 = "a".repeat(63);
    Name longest = name(l63 + "." + l63 + "." + l63 + "." + "b".repeat(61) + "."); // 255 bytes on the wire
    m.addRecord(new ARecord(longest, DClass.IN, 60, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    m.addRecord(new SOARecord(name("example."), DClass.IN, 3600, name("ns.example."), name("hostmaster.example."),
        4294967295L, 7200, 3600, 1209600, 300), Section.AUTHORITY);
    assertSame(m, true);
  }

  @Test
  void anNxdomainWithTheExtendedRcode() throws Exception {
    Message m = response(Q, Type.A, Rcode.NXDOMAIN);
    m.addRecord(new SOARecord(name("."), DClass.IN, 3600, name("a.root-servers.net."), name("nstld.example."),
        1, 2, 3, 4, 5), Section.AUTHORITY);
    m.addRecord(new OPTRecord(4096, Rcode.BADVERS >> 4, 0, 0), Section.ADDITIONAL);
    assertSame(m, true);
  }

  @Test
  void givesUpOnWhatOnlyDnsjavaDecodes() throws Exception {
    Message txt = response(Q, Type.TXT, Rcode.NOERROR);
    txt.addRecord(new TXTRecord(Q, DClass.IN, 60, "hello"), Section.ANSWER);
    assertSame(txt, false);

    Message nsid = response(Q, Type.A, Rcode.NOERROR);
    nsid.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new GenericEDNSOption(EDNSOption.Code.NSID,
        "ns-1".getBytes()))), Section.ADDITIONAL);
    assertSame(nsid, false);

    Message escaped = response(Q, Type.PTR, Rcode.NOERROR);
    escaped.addRecord(new PTRRecord(Q, DClass.IN, 60, Name.fromString("a\\ b.example.")), Section.ANSWER);
    assertSame(escaped, false);

    Message mapped = response(Q, Type.AAAA, Rcode.NOERROR);
    mapped.addRecord(new AAAARecord(Q, DClass.IN, 60, InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4})), Section.ANSWER);
    assertSame(mapped, false);
  }

  @Test
  void givesUpOnMalformedBytes() throws Exception {
    Message m = response(Q, Type.A, Rcode.NOERROR);
    m.addRecord(new ARecord(Q, DClass.IN, 300, InetAddress.getByName("10.0.0.1")), Section.ANSWER);
    byte[] wire = m.toWire();
    for (int cut = 0; cut < wire.length; cut++) {
      assertNull(ReplyDecoder.decode(Arrays.copyOf(wire, cut), cut), "cut at " + cut);
    }
    byte[] forward = wire.clone();
    int answerName = wire.length - 16; // the answer's owner: a pointer to the question name at 12
    assertEquals((byte) 0xc0, wire[answerName]);
    forward[answerName + 1] = (byte) (answerName + 2); // a pointer forwards
    assertNull(ReplyDecoder.decode(forward, forward.length));
    byte[] longTtl = wire.clone();
    longTtl[answerName + 6] = (byte) 0x80; // TTL 2^31 and more: dnsjava's records refuse it
    assertNull(ReplyDecoder.decode(longTtl, longTtl.length));
  }

  /** Decodes {@code m}'s wire form both ways and compares; {@code fast} says whether the decoder should take it. */
  private static void assertSame(Message m, boolean fast) throws Exception {
    byte[] wire = m.toWire();
    Message parsed = new Message(wire);
    ReplyDecoder.Decoded d = ReplyDecoder.decode(wire, wire.length);
    if (!fast) {
      assertNull(d, "the decoder should leave it to dnsjava");
      return;
    }
    assertNotNull(d, "the decoder gave up");
    DnsHeader header = ResponseReader.header(parsed);
    assertEquals(header, d.header());
    assertEquals(parsed.getRcode(), d.rcode());
    assertEquals(parsed.getOPT() != null, d.opt());
    EdnsInfo edns = parsed.getOPT() == null ? null : ResponseReader.edns(parsed.getOPT());
    assertEquals(edns, d.edns());
    assertEquals(ResponseReader.section(parsed, Section.ANSWER), d.answers());
    assertEquals(ResponseReader.section(parsed, Section.AUTHORITY), d.authority());
    assertEquals(ResponseReader.section(parsed, Section.ADDITIONAL), d.additional());
    Reply r = Reply.decoded(wire, d);
    assertEquals(parsed.getHeader().getFlag(Flags.TC), r.truncated());
    assertEquals(parsed.getHeader().getID(), r.id());
    assertEquals(parsed.toString(), r.message().toString());
  }

  private static Message response(Name qname, int type, int rcode) {
    Message m = new Message(0xbeef);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.RD);
    m.getHeader().setRcode(rcode & 0xf);
    m.addRecord(Record.newRecord(qname, type, DClass.IN), Section.QUESTION);
    return m;
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
