package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.dns.DnsSpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** The hand-encoded query is a well-formed message with exactly the intended content. */
class WireQueryTest {
  @Test
  void encodesHeaderQuestionAndOpt() throws Exception {
    DnsSpec q = Probes.dns("www.Example.test").type("AAAA").dnssec().ednsBufferSize(4096).spec();
    WireQuery w = WireQuery.of(q, 0xbeef, true);
    Message m = new Message(w.wire());
    assertThat(m.getHeader().getID()).isEqualTo(0xbeef);
    assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.QR)).isFalse();
    assertThat(m.getQuestion().getName().toString()).isEqualTo("www.example.test.");
    assertThat(m.getQuestion().getType()).isEqualTo(Type.AAAA);
    assertThat(m.getQuestion().getDClass()).isEqualTo(DClass.IN);
    assertThat(m.getOPT().getPayloadSize()).isEqualTo(4096);
    assertThat(m.getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
    assertThat(m.getOPT().getOptions(EDNSOption.Code.NSID)).hasSize(1);
    assertThat(w.mismatch(m)).isNotNull(); // a query is not a response
  }

  @Test
  void questionIsComparedOnTheWireIgnoringCase() throws Exception {
    DnsSpec q = Probes.dns("www.example.test").spec();
    WireQuery w = WireQuery.of(q, 7, true);
    Message answer = new Message(w.wire());
    answer.getHeader().setFlag(Flags.QR);
    byte[] bytes = answer.toWire();
    bytes[13] = 'W'; // first letter of the name, upper case
    assertThat(w.sameQuestionOnWire(java.nio.ByteBuffer.wrap(bytes), bytes.length)).isTrue();
    WireQuery other = WireQuery.of(Probes.dns("www.example.tesu").spec(), 7, true);
    assertThat(other.sameQuestionOnWire(java.nio.ByteBuffer.wrap(bytes), bytes.length)).isFalse();
    assertThat(w.name().toString()).isEqualTo("www.example.test.");
  }

  @Test
  void withoutEdnsAndRecursionAndForTheRoot() throws Exception {
    DnsSpec q = Probes.dns(".").type("NS").noRecursion().spec();
    Message m = new Message(WireQuery.of(q, 1, false).wire());
    assertThat(m.getOPT()).isNull();
    assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(m.getQuestion().getName().toString()).isEqualTo(".");
  }
}
