package io.netprobe.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of an iterative resolution ({@code dig +trace}): which server of which zone was asked, what it said, and
 * how long it took.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the zone whose server was asked, absolute ({@code "."}, {@code "test."})
 * @param serverName the name of that server ({@code a.root-servers.net.}), as the delegation named it
 * @param server the address asked
 * @param kind what the step produced
 * @param nameServers for a referral, the name servers of the zone it leads to; empty otherwise
 * @param response the full response (or the failure when the server did not answer)
 * @param time the round trip of this step
 */
public record DnsTraceStep(String zone, String serverName, InetSocketAddress server, Kind kind,
    List<String> nameServers, DnsResult response, Duration time) {

  /** What a step produced. Immutable enum; thread-safe. */
  public enum Kind {
    /** The server sent the name servers of a zone closer to the name. */
    REFERRAL,
    /** The server answered authoritatively with records (or a CNAME), ending the trace. */
    ANSWER,
    /** The server said the name does not exist (NXDOMAIN), ending the trace. */
    NAME_NOT_FOUND,
    /** The name exists but has no records of the type (NODATA), ending the trace. */
    NO_DATA,
    /** The server did not answer, answered with an error, or sent a referral that leads nowhere. */
    FAILED
  }

  public DnsTraceStep {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(kind, "kind");
    nameServers = List.copyOf(nameServers);
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(time, "time");
  }
}
