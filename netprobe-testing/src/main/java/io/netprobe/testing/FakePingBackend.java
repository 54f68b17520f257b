package io.netprobe.testing;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.ProbeFailure;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.spi.PingBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link PingBackend}. Hosts not scripted never answer (100% loss, TIMEOUT), like a host that drops ICMP.
 *
 * <pre>{@code
 * new FakePingBackend()
 *     .reply("8.8.8.8", Duration.ofMillis(28))                 // every echo answered in 28 ms
 *     .lossy("flaky.example", 0.5, Duration.ofMillis(40))      // every second echo lost
 *     .fail("10.0.0.1", FailureKind.HOST_UNREACHABLE);
 * }</pre>
 *
 * <p>Answers come at once; the spec's interval is not waited for. Thread-safe.
 */
public final class FakePingBackend extends ScriptedBackend<PingSpec, PingResult> implements PingBackend {
  private static final InetAddress DOCUMENTATION_ADDRESS = FakeAddresses.parse("192.0.2.1");

  /** Every echo to {@code host} is answered after {@code rtt}. */
  public FakePingBackend reply(String host, Duration rtt) {
    return lossy(host, 0, rtt);
  }

  /**
   * A fraction {@code loss} (0–1) of the echoes to {@code host} go unanswered, spread evenly; the rest are answered
   * after {@code rtt}.
   */
  public FakePingBackend lossy(String host, double loss, Duration rtt) {
    if (loss < 0 || loss > 1) {
      throw new IllegalArgumentException("loss must be between 0 and 1, was " + loss);
    }
    script(s -> matches(s, host), s -> replies(s, loss, rtt));
    return this;
  }

  /** Pings to {@code host} fail with {@code kind} (HOST_UNREACHABLE, PERMISSION_DENIED, …). */
  public FakePingBackend fail(String host, FailureKind kind) {
    script(s -> matches(s, host), s -> PingResult.failed(s, Optional.of(addressOf(s)),
        Optional.of(PingMethod.DATAGRAM_ICMP), s.count(), List.of(), ProbeFailure.of(kind, "scripted " + kind), ID,
        Instant.now(), Duration.ZERO));
    return this;
  }

  /** Pings to {@code host} take {@code delay} before answering (or time out when that passes the deadline). */
  public FakePingBackend delay(String host, Duration delay) {
    delayWhen(s -> matches(s, host), delay);
    return this;
  }

  /** Answers as scripted, handing the replies and errors to the spec's listener first, in order. */
  @Override
  public PingResult ping(PingSpec spec, Deadline deadline) {
    PingResult r = answer(spec, deadline, f -> PingResult.failed(spec, Optional.of(addressOf(spec)), Optional.empty(),
        0, List.of(), f, ID, Instant.now(), Duration.ZERO), s -> replies(s, 1.0, Duration.ZERO));
    try {
      for (IcmpError e : r.errors()) {
        spec.listener().onError(e);
      }
      for (PingReply reply : r.replies()) {
        spec.listener().onReply(reply);
      }
    } catch (RuntimeException listenerBug) {
      // like the real backends: a listener that throws does not cost the ping its result
    }
    return r;
  }

  private static PingResult replies(PingSpec s, double loss, Duration rtt) {
    InetAddress address = addressOf(s);
    List<PingReply> replies = new ArrayList<>();
    double lost = 0;
    for (int seq = 1; seq <= s.count(); seq++) {
      lost += loss;
      if (lost >= 1 - 1e-9) {
        lost -= 1;
        continue;
      }
      replies.add(new PingReply(seq, address, 64, s.payloadSize() + 8, rtt, false));
    }
    if (replies.isEmpty()) {
      return PingResult.failed(s, Optional.of(address), Optional.of(PingMethod.DATAGRAM_ICMP), s.count(), List.of(),
          ProbeFailure.of(FailureKind.TIMEOUT, "no reply from " + s.host().ascii()), ID, Instant.now(), Duration.ZERO);
    }
    return new PingResult(s, Optional.of(address), Optional.of(PingMethod.DATAGRAM_ICMP), s.count(), replies.size(), 0,
        replies, List.of(), PingStatistics.of(replies.stream().map(PingReply::rtt).toList()), ID, Instant.now(),
        rtt.multipliedBy(s.count()), Optional.empty());
  }

  private static boolean matches(PingSpec s, String host) {
    return s.host().ascii().equalsIgnoreCase(host) || s.host().input().equalsIgnoreCase(host);
  }

  private static InetAddress addressOf(PingSpec s) {
    return s.host().literal().orElse(DOCUMENTATION_ADDRESS);
  }
}
