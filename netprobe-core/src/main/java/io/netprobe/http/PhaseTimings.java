package io.netprobe.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the time of one HTTP exchange went, with curl's meanings. The components are cumulative, measured from the
 * start of the exchange like curl's {@code -w} variables; the methods give the length of each phase.
 *
 * <p>Immutable and thread-safe.
 *
 * @param nameLookup {@code time_namelookup}: name resolution done (zero for IP literals and {@code --resolve})
 * @param connect {@code time_connect}: TCP handshake done
 * @param tlsHandshake {@code time_appconnect}: TLS handshake done; empty for plain HTTP
 * @param requestSent {@code time_pretransfer}: the request is about to be sent
 * @param firstByte {@code time_starttransfer}: the first byte of the response arrived
 * @param total {@code time_total}: the exchange is complete
 */
public record PhaseTimings(Duration nameLookup, Duration connect, Optional<Duration> tlsHandshake,
    Duration requestSent, Duration firstByte, Duration total) {

  public PhaseTimings {
    Objects.requireNonNull(nameLookup, "nameLookup");
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(tlsHandshake, "tlsHandshake");
    Objects.requireNonNull(requestSent, "requestSent");
    Objects.requireNonNull(firstByte, "firstByte");
    Objects.requireNonNull(total, "total");
  }

  /** Time spent resolving the name. */
  public Duration dnsPhase() {
    return nameLookup;
  }

  /** Time spent on the TCP handshake. */
  public Duration tcpPhase() {
    return connect.minus(nameLookup);
  }

  /** Time spent on the TLS handshake; zero for plain HTTP. */
  public Duration tlsPhase() {
    return tlsHandshake.map(t -> t.minus(connect)).orElse(Duration.ZERO);
  }

  /** Time from the request being sent to the first response byte: the server's think time plus one round trip. */
  public Duration serverPhase() {
    return firstByte.minus(requestSent);
  }

  /** Time spent reading the rest of the response after the first byte. */
  public Duration transferPhase() {
    return total.minus(firstByte);
  }
}
