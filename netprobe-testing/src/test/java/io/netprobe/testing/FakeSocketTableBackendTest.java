package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.Probes;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.OwnersUnknownReason;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.testing.contract.SocketTableBackendContract;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FakeSocketTableBackendTest extends SocketTableBackendContract {
  private final FakeSocketTableBackend fake = new FakeSocketTableBackend()
      .tcp("0.0.0.0", 8000, "python", 812)
      .tcp("127.0.0.1", 3306, "mariadbd", 455)
      .tcp("::", 8000, "python", 812)
      .udp("127.0.0.53", 53, "systemd-resolve", 301)
      .unowned(TransportProtocol.TCP, "0.0.0.0", 2049, OwnersUnknownReason.NO_PROCESS);

  @Override
  protected FakeSocketTableBackend backend() {
    return fake;
  }

  @Override
  protected Expected tcpListener() {
    return new Expected(FakeAddresses.parse("127.0.0.1"), 3306, Exposure.LOOPBACK, OptionalLong.of(455), "mariadbd");
  }

  @Override
  protected Expected udpSocket() {
    return new Expected(FakeAddresses.parse("127.0.0.53"), 53, Exposure.LOOPBACK, OptionalLong.of(301),
        "systemd-resolve");
  }

  @Override
  protected int unusedPort() {
    return 9;
  }

  @Test
  void theSeedsLesson() {
    ListeningSocketsResult r = Probes.builder().backend(fake).build().listeningSockets().tcp().ipv4().run();
    assertThat(r.onPort(8000)).singleElement().satisfies(s -> {
      assertThat(s.exposure()).isEqualTo(Exposure.ALL_INTERFACES);
      assertThat(s.ownerNames()).isEqualTo("python");
    });
    assertThat(r.onPort(2049)).singleElement()
        .satisfies(s -> assertThat(s.ownersUnknownKind()).contains(OwnersUnknownReason.NO_PROCESS));
  }

  @Test
  void scriptedFailureAndDelay() {
    fake.fail(FailureKind.PERMISSION_DENIED);
    assertThat(Probes.builder().backend(fake).build().listeningSockets().run().failureKind())
        .contains(FailureKind.PERMISSION_DENIED);
    FakeSocketTableBackend slow = new FakeSocketTableBackend().delay(Duration.ofSeconds(5));
    assertThat(Probes.builder().backend(slow).build().listeningSockets().timeout(Duration.ofMillis(100)).run()
        .failureKind()).contains(FailureKind.TIMEOUT);
  }
}
