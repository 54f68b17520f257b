package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.SendOptions;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteListener;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ping or a traceroute of a name on an engine looks the name up without a thread of the engine's blocking pool
 * waiting for it (a traceroute its hops' names too), and the IP preference chooses among what the lookup found. {@code localhost} comes from
 * /etc/hosts: no packet leaves this machine.
 */
class NameLookupWithoutBlockingTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void aNameIsLookedUpWithoutABlockingThreadAndThePreferenceChoosesTheAddress() throws Exception {
    NoBlockingEngine engine = new NoBlockingEngine(timer);
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      PingResult plain = backend.pingAsync(spec("localhost", Optional.empty()), Deadline.after(Duration.ofSeconds(3)),
          engine).get(5, TimeUnit.SECONDS);
      PingResult ip4 = backend.pingAsync(spec("localhost", Optional.of(IpPreference.only(IpProtocol.IP4))),
          Deadline.after(Duration.ofSeconds(3)), engine).get(5, TimeUnit.SECONDS);

      assertThat(plain.received()).as("%s", plain).isEqualTo(1);
      assertThat(plain.address()).get().matches(InetAddress::isLoopbackAddress);
      assertThat(ip4.received()).as("%s", ip4).isEqualTo(1);
      assertThat(ip4.address()).contains(InetAddress.getByName("127.0.0.1"));
    }
    assertThat(engine.blockingCalls.get()).as("tasks handed to the blocking pool").isZero();
  }

  @Test
  void aTracerouteLooksUpItsTargetAndItsHopsNamesWithoutABlockingThread() throws Exception {
    NoBlockingEngine engine = new NoBlockingEngine(timer);
    try (LinuxTracerouteBackend backend = new LinuxTracerouteBackend()) {
      TracerouteSpec spec = new TracerouteSpec(Host.of("localhost"), TraceMode.UDP, 1, 3, 1, Duration.ofSeconds(1),
          33434, true, TracerouteListener.NONE, Duration.ofSeconds(3))
          .withIpPreference(Optional.of(IpPreference.only(IpProtocol.IP4)));
      TracerouteResult r = backend.traceAsync(spec, Deadline.after(Duration.ofSeconds(3)), engine)
          .get(5, TimeUnit.SECONDS);

      assertThat(r.failure()).as("%s", r).isEmpty();
      assertThat(r.reached()).isTrue();
      assertThat(r.address()).contains(InetAddress.getByName("127.0.0.1"));
      // the hop's reverse name, from /etc/hosts, on the resolver's lookup threads
      assertThat(r.hops()).last().satisfies(hop -> assertThat(hop.name())
          .contains(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getCanonicalHostName()));
    }
    assertThat(engine.blockingCalls.get()).as("tasks handed to the blocking pool").isZero();
  }

  private static PingSpec spec(String host, Optional<IpPreference> preference) {
    return new PingSpec(Host.of(host), 1, Duration.ofMillis(10), Duration.ofSeconds(1), PingSpec.DEFAULT_PAYLOAD_SIZE,
        OptionalInt.empty(), OptionalInt.empty(), PingListener.NONE, Duration.ofSeconds(3),
        SendOptions.DEFAULT.withIpPreference(preference));
  }

  /** An engine whose blocking pool refuses (and counts) every task, with a real timer. */
  private static final class NoBlockingEngine extends InlineEngine {
    private final ScheduledExecutorService timer;
    final AtomicInteger blockingCalls = new AtomicInteger();

    NoBlockingEngine(ScheduledExecutorService timer) {
      this.timer = timer;
    }

    @Override
    public Executor blocking() {
      return task -> {
        blockingCalls.incrementAndGet();
        throw new RejectedExecutionException("a name's lookup must not take a blocking thread");
      };
    }

    @Override
    public Cancellable at(Deadline deadline, Runnable task) {
      return after(Duration.ofNanos(Math.max(0, deadline.remainingNanos())), task);
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
      ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
  }
}
