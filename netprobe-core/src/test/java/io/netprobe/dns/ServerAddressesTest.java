package io.netprobe.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ServerAddressesTest {
  private static final ProbeRunner RUNNER = new ProbeRunner() {
    @Override
    public Duration timeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Executor executor() {
      return Runnable::run;
    }

    @Override
    public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
      throw new UnsupportedOperationException();
    }
  };

  private static List<InetSocketAddress> servers(DnsRequest r) {
    return r.spec().servers();
  }

  @Test
  void requestsNamingTheSameServerShareOneParsedAddress() {
    List<InetSocketAddress> a = servers(DnsRequest.create(RUNNER, "a.test").server("127.0.0.1", 5353));
    List<InetSocketAddress> b = servers(DnsRequest.create(RUNNER, "b.test").server("127.0.0.1", 5353));
    assertThat(b).isSameAs(a);
    assertThat(a).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353));
  }

  @Test
  void eachRequestGetsTheServerAndPortItNamed() throws Exception {
    DnsRequest one = DnsRequest.create(RUNNER, "a.test").server("127.0.0.1", 5353);
    DnsRequest otherPort = DnsRequest.create(RUNNER, "a.test").server("127.0.0.1", 5354);
    DnsRequest otherAddress = DnsRequest.create(RUNNER, "a.test").server("127.0.0.2", 5353);
    DnsRequest v6 = DnsRequest.create(RUNNER, "a.test").server("[::1]", 5353);
    DnsRequest name = DnsRequest.create(RUNNER, "a.test").server("NS1.Example.", 5353);
    assertThat(servers(one)).containsExactly(new InetSocketAddress("127.0.0.1", 5353));
    assertThat(servers(otherPort)).containsExactly(new InetSocketAddress("127.0.0.1", 5354));
    assertThat(servers(otherAddress)).containsExactly(new InetSocketAddress("127.0.0.2", 5353));
    assertThat(servers(v6)).containsExactly(new InetSocketAddress(InetAddress.getByName("::1"), 5353));
    assertThat(servers(name)).containsExactly(InetSocketAddress.createUnresolved("ns1.example", 5353));
    // a second server is added to the first, not put in place of the shared list
    assertThat(servers(one.server("127.0.0.2", 5353))).containsExactly(new InetSocketAddress("127.0.0.1", 5353),
        new InetSocketAddress("127.0.0.2", 5353));
    assertThat(servers(DnsRequest.create(RUNNER, "a.test").server("127.0.0.1", 5353))).hasSize(1);
  }

  @Test
  void invalidServersStillFailAndAreNotRemembered() {
    int before = ServerAddresses.size();
    assertThatThrownBy(() -> DnsRequest.create(RUNNER, "a.test").server("300.1.1.1", 53))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300.1.1.1");
    assertThatThrownBy(() -> DnsRequest.create(RUNNER, "a.test").server("127.0.0.1", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    assertThat(ServerAddresses.size()).isLessThanOrEqualTo(before);
  }

  @Test
  void manyServersKeepTheCacheBoundedAndTheAnswersRight() {
    for (int i = 0; i < ServerAddresses.MAX * 3; i++) {
      int port = 1 + i;
      assertThat(ServerAddresses.of("127.0.0.1", port)).containsExactly(new InetSocketAddress("127.0.0.1", port));
      assertThat(ServerAddresses.size()).isLessThanOrEqualTo(ServerAddresses.MAX);
    }
  }
}
