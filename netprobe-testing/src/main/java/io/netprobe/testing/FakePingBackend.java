package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.spi.PingBackend;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link PingBackend}. Hosts not scripted never answer (100% loss, TIMEOUT), like a host that drops ICMP.
 * It scripts the wire — echo replies, lost echoes, ICMP errors from a router — and the verdict (success, loss,
 * statistics, the failure kind of an ICMP error) is read by netprobe-core as for the real backend
 * ({@link PingResult#of}).
 *
 * <pre>{@code
 * new FakePingBackend()
 *     .reply("8.8.8.8", Duration.ofMillis(28))                 // every echo answered in 28 ms
 *     .lossy("flaky.example", 0.5, Duration.ofMillis(40))      // every second echo lost
 *     .icmpError("10.0.0.9", "10.0.0.1", 3, 1)                 // From 10.0.0.1: Destination Host Unreachable
 *     .fail("10.0.0.1", FailureKind.HOST_UNREACHABLE);
 * }</pre>
 *
 * <p>Answers come at once; the spec's interval is not waited for. Thread-safe.
 */
public final class FakePingBackend extends ScriptedBackend<PingSpec, PingResult> implements PingBackend {
  /** A fake with nothing scripted yet. */
  public FakePingBackend() {}

  private static final InetAddress DOCUMENTATION_ADDRESS = FakeAddresses.parse("192.0.2.1");
  /** The router that reports unreachable hosts and networks for {@link #fail}. */
  private static final String GATEWAY = "192.0.2.254";
  private static final String GATEWAY_V6 = "2001:db8::fffe";

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

  /**
   * Every echo to {@code host} is answered by an ICMP error of {@code type} and {@code code} from {@code router} (an
   * IP literal): {@code 3, 1} is IPv4's Destination Host Unreachable, {@code 3, 0} Net Unreachable, {@code 11, 0}
   * Time to live exceeded; ICMPv6 numbers for an IPv6 router.
   */
  public FakePingBackend icmpError(String host, String router, int type, int code) {
    InetAddress from = FakeAddresses.parse(router);
    IcmpError.of(1, from, type, code); // checks the numbers now rather than at the first ping
    script(s -> matches(s, host), s -> errors(s, from, type, code));
    return this;
  }

  /**
   * Pings to {@code host} fail with {@code kind}, scripted as the wire would show it: HOST_UNREACHABLE and
   * NETWORK_UNREACHABLE as ICMP destination-unreachable errors from a router, TIMEOUT as echoes that all go
   * unanswered; other kinds (PERMISSION_DENIED, UNSUPPORTED_PLATFORM, NAME_NOT_FOUND, …) before any echo is sent.
   */
  public FakePingBackend fail(String host, FailureKind kind) {
    switch (kind) {
      case HOST_UNREACHABLE, NETWORK_UNREACHABLE -> {
        int code = kind == FailureKind.HOST_UNREACHABLE ? 1 : 0;
        script(s -> matches(s, host), s -> {
          boolean v6 = addressOf(s) instanceof Inet6Address;
          return errors(s, FakeAddresses.parse(v6 ? GATEWAY_V6 : GATEWAY), v6 ? 1 : 3, v6 && code == 1 ? 3 : code);
        });
      }
      case TIMEOUT -> lossy(host, 1.0, Duration.ZERO);
      default -> script(s -> matches(s, host), s -> PingResult.failed(s, Optional.of(addressOf(s)),
          Optional.empty(), 0, List.of(), ProbeFailure.of(kind, "scripted " + kind + ": no echo request was sent"),
          ID, Instant.now(), Duration.ZERO));
    }
    return this;
  }

  /** Pings to {@code host} take {@code delay} before answering (or time out when that passes the deadline). */
  public FakePingBackend delay(String host, Duration delay) {
    delayWhen(s -> matches(s, host), delay);
    return this;
  }

  /**
   * {@code host} never answers: every echo goes unanswered (100% loss), as {@code fail(host, TIMEOUT)} scripts it.
   */
  public FakePingBackend silent(String host) {
    return lossy(host, 1.0, Duration.ZERO);
  }

  /** Answers as scripted, handing the replies and errors to the spec's listener first, in order. */
  @Override
  public PingResult ping(PingSpec spec, Deadline deadline) {
    return heard(spec, answer(spec, deadline, f -> failedPing(spec, f), s -> replies(s, 1.0, Duration.ZERO)));
  }

  @Override
  public CompletableFuture<PingResult> pingAsync(PingSpec spec, Deadline deadline, ProbeEngine engine) {
    return then(answerAsync(spec, deadline, engine, f -> failedPing(spec, f), s -> replies(s, 1.0, Duration.ZERO)),
        r -> heard(spec, r));
  }
  /** Every host at once over scripted timers (no thread per host), results in the sweep's order. */
  @Override
  public CompletableFuture<io.netprobe.icmp.PingSweepResult> sweepAsync(io.netprobe.icmp.PingSweepSpec spec,
      Deadline deadline, ProbeEngine engine) {
    Instant started = Instant.now();
    List<CompletableFuture<PingResult>> each = new ArrayList<>();
    spec.hosts().forEach(h -> each.add(pingAsync(spec.specFor(h), deadline, engine)));
    return inOrder(each).thenApply(results -> new io.netprobe.icmp.PingSweepResult(spec, results, id(), started,
        deadline.elapsed(), Optional.empty()));
  }


  private static PingResult failedPing(PingSpec spec, ProbeFailure f) {
    return PingResult.failed(spec, Optional.of(addressOf(spec)), Optional.empty(), 0, List.of(), f, ID, Instant.now(),
        Duration.ZERO);
  }

  private static PingResult heard(PingSpec spec, PingResult r) {
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
    return PingResult.of(s, address, Optional.of(PingMethod.DATAGRAM_ICMP), s.count(), replies, List.of(), ID,
        Instant.now(), rtt.multipliedBy(s.count()));
  }

  private static PingResult errors(PingSpec s, InetAddress router, int type, int code) {
    List<IcmpError> errors = new ArrayList<>();
    for (int seq = 1; seq <= s.count(); seq++) {
      errors.add(IcmpError.of(seq, router, type, code));
    }
    return PingResult.of(s, addressOf(s), Optional.of(PingMethod.DATAGRAM_ICMP), s.count(), List.of(), errors, ID,
        Instant.now(), Duration.ZERO);
  }

  private static boolean matches(PingSpec s, String host) {
    return s.host().ascii().equalsIgnoreCase(host) || s.host().input().equalsIgnoreCase(host);
  }

  private static InetAddress addressOf(PingSpec s) {
    return s.host().literal().orElse(DOCUMENTATION_ADDRESS);
  }
}
