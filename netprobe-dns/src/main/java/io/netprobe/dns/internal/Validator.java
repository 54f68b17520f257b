package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecProblem;
import io.netprobe.dns.DnssecStatus;
import io.netprobe.internal.DefaultExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC validation with dnsjava's {@link ValidatingResolver} on top of {@link ExchangeResolver}: every DNSKEY and
 * DS lookup of the chain goes through netprobe's exchange loop under the probe deadline. The verdict comes from the
 * response: AD set means secure; SERVFAIL with the validator's reason (a TXT record of class 65280) means bogus;
 * anything else is insecure. For a bogus answer {@link BogusExplainer} names the cause the validator does not keep
 * (expired or altered signature, keys that match no DS, a failed denial proof). Stateless; thread-safe.
 */
final class Validator {
  private Validator() {}

  static DnsValidationResult validate(DnsValidationSpec vq, Deadline deadline, Path resolvConf,
      @Nullable ExchangeResolver.Sender sender) {
    Instant started = Instant.now();
    DnsSpec q = vq.query();
    ServerList list = ServerList.of(q.servers(), resolvConf, deadline);
    if (list.servers().isEmpty()) {
      return failed(q, list.failure(), started, deadline);
    }
    ExchangeResolver head = new ExchangeResolver(list.servers(), q.tries(), deadline, sender);
    ValidatingResolver validating = new ValidatingResolver(head);
    try {
      validating.loadTrustAnchors(new ByteArrayInputStream(vq.trustAnchors().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the trust anchor is not DS or DNSKEY records in zone-file syntax: "
          + e.getMessage(), e);
    }
    Record question = Record.newRecord(WireQuery.absolute(q.name()), q.type().code(), DClass.IN);
    Message query = Message.newQuery(question);
    if (!q.recursion()) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    Message response;
    try {
      response = validating.sendAsync(query, DefaultExecutor.get()).toCompletableFuture()
          .get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return failed(q, ProbeFailure.of(FailureKind.TIMEOUT, "DNSSEC validation of " + q.absoluteName() + " "
          + q.type() + " did not finish before the deadline"), started, deadline);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      FailureKind kind = cause instanceof java.net.SocketTimeoutException ? FailureKind.TIMEOUT
          : FailureKind.NETWORK_ERROR;
      return failed(q, ProbeFailure.of(kind, "DNSSEC validation of " + q.absoluteName() + " failed: "
          + cause.getMessage(), cause), started, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(q, ProbeFailure.of(FailureKind.CANCELLED, "interrupted", e), started, deadline);
    }
    Exchange.Answered wire = head.exchangeFor(question);
    String validatorReason = reason(response);
    Optional<DnssecProblem> problem = isBogus(response, validatorReason)
        ? BogusExplainer.explain(head, vq.trustAnchors(), question.getName(), question.getType(), validatorReason)
        : Optional.empty();
    return verdict(q, response, wire, list.servers().get(0), problem, started, deadline);
  }

  private static boolean isBogus(Message m, @Nullable String reason) {
    return !m.getHeader().getFlag(Flags.AD) && m.getRcode() == Rcode.SERVFAIL && reason != null;
  }

  private static DnsValidationResult verdict(DnsSpec q, Message m, @Nullable Exchange.Answered wire,
      InetSocketAddress firstServer, Optional<DnssecProblem> problem, Instant started, Deadline deadline) {
    String reason = problem.map(DnssecProblem::describe).orElse(reason(m));
    boolean secure = m.getHeader().getFlag(Flags.AD);
    boolean bogus = isBogus(m, reason(m));
    DnssecStatus status = secure ? DnssecStatus.SECURE : bogus ? DnssecStatus.BOGUS : DnssecStatus.INSECURE;
    DnsResult.Builder b = DnsResult.builder(q).backend(DnsjavaBackend.ID).started(started);
    ResponseReader.fill(b, m);
    List<DnsAnswer> additional = ResponseReader.section(m, Section.ADDITIONAL).stream()
        .filter(a -> !a.dnsClass().equals(DClass.string(ValidatingResolver.VALIDATION_REASON_QCLASS))).toList();
    b.additional(additional);
    if (wire != null) {
      b.server(wire.server()).transport(wire.transport()).queryTime(wire.rtt()).messageSize(wire.size())
          .attempts(wire.sent());
    }
    if (bogus) {
      b.failure(ProbeFailure.of(FailureKind.SERVER_FAILURE, "DNSSEC validation of " + q.absoluteName() + " "
          + q.type() + " failed (bogus): " + reason));
    } else {
      b.failureFromResponse(wire == null ? "(asked " + Endpoints.describe(firstServer) + " first)" : "");
    }
    DnsResult response = b.elapsed(deadline.elapsed()).build();
    ProbeFailure failure = response.failure().orElse(null);
    return new DnsValidationResult(q, response, Optional.of(status), Optional.ofNullable(reason),
        DnsjavaBackend.ID, started, deadline.elapsed(), Optional.ofNullable(failure), problem);
  }

  /** The validator's explanation: a TXT record of class 65280 in the additional section. */
  private static @Nullable String reason(Message m) {
    for (Record r : m.getSection(Section.ADDITIONAL)) {
      if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord) {
        return String.join("", ((TXTRecord) r).getStrings());
      }
    }
    return null;
  }

  static DnsValidationResult failed(DnsSpec q, ProbeFailure f, Instant started, Deadline deadline) {
    DnsResult r = DnsResult.builder(q).backend(DnsjavaBackend.ID).started(started).failure(f)
        .elapsed(deadline.elapsed()).build();
    return new DnsValidationResult(q, r, Optional.empty(), Optional.empty(), DnsjavaBackend.ID, started,
        deadline.elapsed(), Optional.of(f));
  }

}
