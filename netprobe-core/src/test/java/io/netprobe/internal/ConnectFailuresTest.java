package io.netprobe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/**
 * The OS's answers to a connect as failure kinds, once for every backend (netprobe-sockets' TCP connect and
 * netprobe-dns' TCP exchange used to read them each in their own way), from the exceptions the JDK throws.
 */
class ConnectFailuresTest {
  static final InetSocketAddress TARGET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432);

  @Test
  void readsTheJdksExceptions() {
    assertThat(ConnectFailures.kind(new ConnectException("Connection refused"))).isEqualTo(
        FailureKind.CONNECTION_REFUSED);
    assertThat(ConnectFailures.kind(new NoRouteToHostException("No route to host"))).isEqualTo(
        FailureKind.HOST_UNREACHABLE);
    assertThat(ConnectFailures.kind(new SocketException("Network is unreachable"))).isEqualTo(
        FailureKind.NETWORK_UNREACHABLE);
    assertThat(ConnectFailures.kind(new SocketException("Connection reset"))).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(ConnectFailures.kind(new SocketException("Permission denied"))).isEqualTo(
        FailureKind.PERMISSION_DENIED);
    assertThat(ConnectFailures.kind(new ConnectException("Connection timed out"))).as("ETIMEDOUT is no refusal")
        .isEqualTo(FailureKind.TIMEOUT);
    assertThat(ConnectFailures.kind(new IOException("Broken pipe"))).isEqualTo(FailureKind.NETWORK_ERROR);
  }

  @Test
  void thisMachinesLimitsAreResourceExhaustedNotANetworkError() {
    assertThat(ConnectFailures.kind(new SocketException("Too many open files"))).isEqualTo(
        FailureKind.RESOURCE_EXHAUSTED);
    assertThat(ConnectFailures.kind(new java.net.BindException("Cannot assign requested address"))).isEqualTo(
        FailureKind.RESOURCE_EXHAUSTED);
    assertThat(ConnectFailures.kind(new SocketException("No buffer space available"))).isEqualTo(
        FailureKind.RESOURCE_EXHAUSTED);
    assertThat(ConnectFailures.classify(TARGET, new SocketException("Too many open files")).message())
        .contains("127.0.0.1:5432").contains("ran out of file descriptors").contains("maxInFlight");
  }

  @Test
  void describesIpv6TargetsCompressedAndWithTheirZone() throws Exception {
    assertThat(ConnectFailures.describe(new InetSocketAddress(InetAddress.getByName("fd00:77:1:0:0:0:0:1"), 80)))
        .isEqualTo("[fd00:77:1::1]:80");
    java.net.Inet6Address scoped = java.net.Inet6Address.getByAddress(null,
        InetAddress.getByName("fe80::d").getAddress(), 7);
    assertThat(ConnectFailures.describe(new InetSocketAddress(scoped, 8080))).isEqualTo("[fe80::d%7]:8080");
  }

  @Test
  void wordsTheFailureWithTheTarget() throws Exception {
    ProbeFailure refused = ConnectFailures.classify(TARGET, new ConnectException("Connection refused"));
    ProbeFailure v6 = ConnectFailures.classify(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 443),
        new NoRouteToHostException("No route to host"));

    assertThat(refused.message()).isEqualTo("127.0.0.1:5432 refused the connection (nothing listens there, or a "
        + "firewall rejects it)");
    assertThat(refused.cause()).containsInstanceOf(ConnectException.class);
    assertThat(v6.message()).isEqualTo("[2001:db8::7]:443 is unreachable: No route to host");
  }
}
