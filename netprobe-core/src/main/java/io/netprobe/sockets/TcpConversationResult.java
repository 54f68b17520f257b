package io.netprobe.sockets;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.http.TlsInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TCP conversation did: where it connected, each step's outcome, and the TLS facts when TLS was started.
 * A failed expect is an {@link io.netprobe.core.FailureKind#ASSERTION_FAILED} whose message and
 * {@link #failedStep()} say which step and what came back.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param address the address connected to
 * @param local the local address and port of the connection
 * @param steps the steps carried out, in order; the last one failed when the conversation did
 * @param tls the TLS facts (version, cipher, chain with subjects, SANs and expiry, problems), after TLS started
 * @param backend the backend id
 * @param started when the probe started
 * @param elapsed how long the whole conversation took
 * @param failure why it failed; empty when every step succeeded
 */
public record TcpConversationResult(TcpConversationSpec spec, Optional<InetAddress> address,
    Optional<InetSocketAddress> local, List<ConversationRecord> steps, Optional<TlsInfo> tls, String backend,
    Instant started, Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {

  public TcpConversationResult {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(local, "local");
    steps = List.copyOf(steps);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** The step that failed, when the conversation failed at one. */
  public Optional<ConversationRecord> failedStep() {
    return steps.stream().filter(s -> !s.ok()).findFirst();
  }

  @Override
  public TcpConversationResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
