package io.netprobe.dns;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.net.HostParser;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * What a DNS response means, as dig reads it: NOERROR with answers is a success; NOERROR without is NODATA (or a
 * referral); NXDOMAIN, SERVFAIL and REFUSED have failure kinds of their own; any other rcode is a protocol error.
 * Extended DNS Errors are added to the message. Written once here for every backend and fake
 * ({@link DnsResult.Builder#failureFromResponse(String)}). Pure functions; thread-safe.
 */
final class DnsOutcomes {
  private DnsOutcomes() {}

  /** The failure the response means, or null for NOERROR with answers. */
  static @Nullable ProbeFailure failure(DnsSpec q, DnsHeader header, List<DnsAnswer> answers,
      List<DnsAnswer> authority, Optional<EdnsInfo> edns, @Nullable InetSocketAddress from) {
    String rcode = header.rcode();
    if (rcode.equals("NOERROR") && !answers.isEmpty()) {
      return null;
    }
    String ede = edns.map(e -> edeSuffix(e.extendedErrors())).orElse("");
    String server = from == null ? "the server" : describe(from);
    switch (rcode) {
      case "NOERROR":
        boolean referral = authority.stream().anyMatch(r -> r.type().equals(RecordType.NS))
            && authority.stream().noneMatch(r -> r.type().equals(RecordType.SOA)) && !header.has(DnsFlag.AA);
        return ProbeFailure.of(FailureKind.NO_DATA, q.absoluteName() + " has no " + q.type() + " records at "
            + server + (referral ? " (the server sent a referral to other name servers instead of an answer)"
            : " (NOERROR, empty answer: NODATA)") + ede);
      case "NXDOMAIN":
        return ProbeFailure.of(FailureKind.NAME_NOT_FOUND, q.absoluteName() + " does not exist (NXDOMAIN from "
            + server + ")" + ede);
      case "SERVFAIL":
        return ProbeFailure.of(FailureKind.SERVER_FAILURE, server + " answered SERVFAIL for " + q.absoluteName()
            + " " + q.type() + ede);
      case "REFUSED":
        return ProbeFailure.of(FailureKind.REFUSED, server + " refused the query for " + q.absoluteName() + " "
            + q.type() + ede);
      default:
        return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, server + " answered " + rcode + " for "
            + q.absoluteName() + " " + q.type() + ede);
    }
  }

  /** How dig names a server: {@code 127.0.0.1#53}. */
  static String describe(InetSocketAddress server) {
    String host = server.getAddress() == null ? server.getHostString() : HostParser.format(server.getAddress());
    return host + "#" + server.getPort();
  }

  private static String edeSuffix(List<EdnsInfo.ExtendedDnsError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    return errors.stream().map(e -> "EDE " + e.code() + " (" + e.name() + ")"
        + (e.extraText().isEmpty() ? "" : ": " + e.extraText())).collect(Collectors.joining("; ", "; ", ""));
  }
}
