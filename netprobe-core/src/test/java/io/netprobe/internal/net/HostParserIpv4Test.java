package io.netprobe.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostParserIpv4Test {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "255.255.255.255", "10.20.30.40", "1.2.3.4", "100.0.9.250"})
  void dottedQuadsParseToTheirAddress(String text) throws Exception {
    assertThat(HostParser.parseIpv4(text)).isEqualTo(InetAddress.getByName(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.1.1.1", "1.2.3.999",
      "01.2.3.4", "1.2.3.00", "1.2.3.0x1", "1.2.3.-1", "1.2.3.4 ", "a.b.c.d", "1234.1.1.1", "1.2.3.0004", "::1",
      "example.com", "1.2.3.4a"})
  void anythingElseIsNotAnIpv4Literal(String text) {
    assertThat(HostParser.parseIpv4(text)).isNull();
  }
}
