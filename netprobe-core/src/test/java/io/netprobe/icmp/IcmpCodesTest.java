package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import org.junit.jupiter.api.Test;

/** ICMP types and codes in ping's and traceroute's words (moved here from netprobe-sockets' IcmpErrorsTest). */
class IcmpCodesTest {

  @Test
  void annotatesLikeTraceroute() {
    assertThat(IcmpCodes.annotation(false, 3, 0)).isEqualTo("!N");
    assertThat(IcmpCodes.annotation(false, 3, 1)).isEqualTo("!H");
    assertThat(IcmpCodes.annotation(false, 3, 2)).isEqualTo("!P");
    assertThat(IcmpCodes.annotation(false, 3, 13)).isEqualTo("!X");
    assertThat(IcmpCodes.annotation(false, 3, 3)).isEmpty();
    assertThat(IcmpCodes.annotation(false, 11, 0)).isEmpty();
    assertThat(IcmpCodes.annotation(false, 3, 15)).isEqualTo("!15");
    assertThat(IcmpCodes.annotation(true, 1, 0)).isEqualTo("!N");
    assertThat(IcmpCodes.annotation(true, 1, 1)).isEqualTo("!X");
    assertThat(IcmpCodes.annotation(true, 1, 3)).isEqualTo("!H");
    assertThat(IcmpCodes.annotation(true, 1, 4)).isEmpty();
    assertThat(IcmpCodes.annotation(true, 3, 0)).isEmpty();
  }

  @Test
  void describesLikePing() {
    assertThat(IcmpCodes.describe(false, 3, 1)).isEqualTo("Destination Host Unreachable");
    assertThat(IcmpCodes.describe(false, 11, 0)).isEqualTo("Time to live exceeded");
    assertThat(IcmpCodes.describe(true, 1, 3)).isEqualTo("Destination unreachable: Address unreachable");
  }

  @Test
  void mapsToFailureKinds() {
    assertThat(IcmpCodes.kind(false, 3, 0)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpCodes.kind(false, 3, 1)).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThat(IcmpCodes.kind(true, 1, 0)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpCodes.kind(true, 3, 0)).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThat(IcmpCodes.kind(false, -1, IcmpCodes.ENETUNREACH)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpCodes.kind(false, -1, IcmpCodes.EPERM)).isEqualTo(FailureKind.PERMISSION_DENIED);
    assertThat(IcmpCodes.kind(false, -1, IcmpCodes.EHOSTUNREACH)).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThat(IcmpCodes.kind(false, 12, 0)).isEqualTo(FailureKind.NETWORK_ERROR);
  }

  @Test
  void knowsWhatMeansReached() {
    assertThat(IcmpCodes.isTimeExceeded(false, 11)).isTrue();
    assertThat(IcmpCodes.isTimeExceeded(true, 3)).isTrue();
    assertThat(IcmpCodes.isTimeExceeded(false, 3)).isFalse();
    assertThat(IcmpCodes.isEchoReply(false, 0)).isTrue();
    assertThat(IcmpCodes.isEchoReply(true, 129)).isTrue();
    assertThat(IcmpCodes.isEchoReply(true, 0)).isFalse();
  }
}
