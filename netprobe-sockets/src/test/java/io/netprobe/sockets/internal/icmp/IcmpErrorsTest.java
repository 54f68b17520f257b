package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.FailureKind;
import io.netprobe.sockets.internal.libc.LibC;
import org.junit.jupiter.api.Test;

class IcmpErrorsTest {

  @Test
  void annotatesLikeTraceroute() {
    assertThat(IcmpErrors.annotation(false, 3, 0)).isEqualTo("!N");
    assertThat(IcmpErrors.annotation(false, 3, 1)).isEqualTo("!H");
    assertThat(IcmpErrors.annotation(false, 3, 2)).isEqualTo("!P");
    assertThat(IcmpErrors.annotation(false, 3, 13)).isEqualTo("!X");
    assertThat(IcmpErrors.annotation(false, 3, 3)).isEmpty();
    assertThat(IcmpErrors.annotation(false, 11, 0)).isEmpty();
    assertThat(IcmpErrors.annotation(false, 3, 15)).isEqualTo("!15");
    assertThat(IcmpErrors.annotation(true, 1, 0)).isEqualTo("!N");
    assertThat(IcmpErrors.annotation(true, 1, 1)).isEqualTo("!X");
    assertThat(IcmpErrors.annotation(true, 1, 3)).isEqualTo("!H");
    assertThat(IcmpErrors.annotation(true, 1, 4)).isEmpty();
    assertThat(IcmpErrors.annotation(true, 3, 0)).isEmpty();
  }

  @Test
  void describesLikePing() {
    assertThat(IcmpErrors.describe(false, 3, 1)).isEqualTo("Destination Host Unreachable");
    assertThat(IcmpErrors.describe(false, 11, 0)).isEqualTo("Time to live exceeded");
    assertThat(IcmpErrors.describe(true, 1, 3)).isEqualTo("Destination unreachable: Address unreachable");
    assertThat(IcmpErrors.describe(false, -1, LibC.ENETUNREACH)).contains("network is unreachable");
  }

  @Test
  void mapsToFailureKinds() {
    assertThat(IcmpErrors.kind(false, 3, 0)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpErrors.kind(false, 3, 1)).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThat(IcmpErrors.kind(true, 1, 0)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpErrors.kind(true, 3, 0)).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThat(IcmpErrors.kind(false, -1, LibC.ENETUNREACH)).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
  }

  @Test
  void knowsWhatMeansReached() {
    assertThat(IcmpErrors.isPortUnreachable(false, 3, 3)).isTrue();
    assertThat(IcmpErrors.isPortUnreachable(true, 1, 4)).isTrue();
    assertThat(IcmpErrors.isPortUnreachable(false, 3, 1)).isFalse();
    assertThat(IcmpErrors.isTimeExceeded(false, 11)).isTrue();
    assertThat(IcmpErrors.isTimeExceeded(true, 3)).isTrue();
  }
}
