package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionDiagnosisTest {
  private static final String STATUS = "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1001\t1000\t1000\n"
      + "Groups:\t27 1000 \nCapInh:\t0000000000000000\nCapEff:\t0000000000000000\n";

  @Test
  void explainsTheEmptyRangeTheGroupsAndTheMissingCapability() {
    String m = PermissionDiagnosis.explain("1\t0\n", STATUS, false, LibC.EACCES, LibC.EPERM);
    assertThat(m).contains("\"1 0\"").contains("admits no group").contains("[1001, 27, 1000]")
        .contains("CAP_NET_RAW, which this process does not have")
        .contains("sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"").contains("--cap-add NET_RAW")
        .contains("securityContext.sysctls").contains("allowTcpFallback").contains("EACCES").contains("EPERM");
  }

  @Test
  void namesARangeThatMissesTheGroups() {
    String m = PermissionDiagnosis.explain("100 200", STATUS, true, LibC.EACCES, LibC.EPERM);
    assertThat(m).startsWith("ICMPv6").contains("admits groups 100–200");
  }

  @Test
  void readsCapabilities() {
    assertThat(PermissionDiagnosis.hasCapability("CapEff:\t0000000000002000\n", 13)).isTrue();
    assertThat(PermissionDiagnosis.hasCapability("CapEff:\t000001ffffffdfff\n", 13)).isFalse();
    assertThat(PermissionDiagnosis.hasCapability("nothing", 13)).isFalse();
  }

  @Test
  void toleratesUnreadableInput() {
    assertThat(PermissionDiagnosis.parseRange("")).isNull();
    assertThat(PermissionDiagnosis.explain("", "", false, LibC.EACCES, LibC.EPERM))
        .contains("could not read it").contains("groups are unknown");
  }
}
