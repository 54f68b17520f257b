package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.TransportProtocol;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetParserTest {

  private static List<String> parse(String file, TransportProtocol protocol, AddressFamily family, int port)
      throws Exception {
    byte[] text = Fixtures.bytes("proc-net-" + file + ".txt");
    List<RawSocket> out = new ArrayList<>();
    ProcNetParser.parse(text, text.length, protocol, family, ByteOrder.LITTLE_ENDIAN, port, out);
    return out.stream().map(SockDiagTest::describe).toList();
  }

  @Test
  void tcp4ListenersOnlyWithAcceptQueueButNoBacklogOrDevice() throws Exception {
    // /proc shows neither the backlog (tx_queue is 0 for listeners) nor the bound device: the lo-bound 47006
    // listener looks like a wildcard one here
    assertThat(parse("tcp", TransportProtocol.TCP, AddressFamily.IPV4, 0)).containsExactly(
        "tcp 0.0.0.0:47001 rq=1 wq=0 uid=0 ino=24862 if=0 v6only=-",
        "tcp 0.0.0.0:47006 rq=0 wq=0 uid=0 ino=24867 if=0 v6only=-",
        "tcp 127.0.0.2:47002 rq=0 wq=0 uid=0 ino=24863 if=0 v6only=-",
        "tcp 0.0.0.0:2024 rq=0 wq=0 uid=0 ino=646 if=0 v6only=-");
  }

  @Test
  void tcp6WordsAreByteSwappedPerWord() throws Exception {
    assertThat(parse("tcp6", TransportProtocol.TCP, AddressFamily.IPV6, 0)).containsExactly(
        "tcp [0:0:0:0:0:0:0:1]:47005 rq=0 wq=0 uid=0 ino=24866 if=0 v6only=-",
        "tcp [0:0:0:0:0:0:0:0]:47003 rq=0 wq=0 uid=0 ino=24864 if=0 v6only=-",
        "tcp [0:0:0:0:0:0:0:0]:47004 rq=0 wq=0 uid=0 ino=24865 if=0 v6only=-");
  }

  @Test
  void udpUnconnectedOnlyAndBucketNumbersAsSlots() throws Exception {
    assertThat(parse("udp", TransportProtocol.UDP, AddressFamily.IPV4, 0)).containsExactly(
        "udp 127.0.0.1:47007 rq=0 wq=0 uid=0 ino=24868 if=0 v6only=-");
    assertThat(parse("udp6", TransportProtocol.UDP, AddressFamily.IPV6, 0)).containsExactly(
        "udp [0:0:0:0:0:0:0:0]:47008 rq=0 wq=0 uid=0 ino=24869 if=0 v6only=-");
  }

  @Test
  void portFilter() throws Exception {
    assertThat(parse("tcp", TransportProtocol.TCP, AddressFamily.IPV4, 2024)).containsExactly(
        "tcp 0.0.0.0:2024 rq=0 wq=0 uid=0 ino=646 if=0 v6only=-");
    assertThat(parse("tcp", TransportProtocol.TCP, AddressFamily.IPV4, 9)).isEmpty();
  }

  @Test
  void bigEndianHostsPrintAddressWordsInNetworkOrder() throws Exception {
    String text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        + "21002: 7F000002:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000  1000        0 4294967295 1\n";
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    List<RawSocket> out = new ArrayList<>();
    ProcNetParser.parse(b, b.length, TransportProtocol.TCP, AddressFamily.IPV4, ByteOrder.BIG_ENDIAN, 0, out);
    assertThat(out).extracting(SockDiagTest::describe)
        .containsExactly("tcp 127.0.0.2:8080 rq=3 wq=0 uid=1000 ino=4294967295 if=0 v6only=-");
  }

  @Test
  void malformedLinesAreReportedWithTheLine() {
    byte[] b = "header\n   0: 0100007F:B799 garbage\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> ProcNetParser.parse(b, b.length, TransportProtocol.TCP, AddressFamily.IPV4,
        ByteOrder.LITTLE_ENDIAN, 0, new ArrayList<>()))
        .isInstanceOf(ProcNetParser.MalformedLineException.class).hasMessageContaining("0100007F:B799 garbage");
    byte[] v6In4 = Fixtures.bytes("proc-net-tcp6.txt");
    assertThatThrownBy(() -> ProcNetParser.parse(v6In4, v6In4.length, TransportProtocol.TCP, AddressFamily.IPV4,
        ByteOrder.LITTLE_ENDIAN, 0, new ArrayList<>())).isInstanceOf(ProcNetParser.MalformedLineException.class);
  }

  @Test
  void emptyTableAndTrailingBlankLines() throws Exception {
    byte[] b = "  sl  local_address rem_address   st\n\n".getBytes(StandardCharsets.US_ASCII);
    List<RawSocket> out = new ArrayList<>();
    ProcNetParser.parse(b, b.length, TransportProtocol.UDP, AddressFamily.IPV4, ByteOrder.LITTLE_ENDIAN, 0, out);
    assertThat(out).isEmpty();
  }
}
