package io.netprobe.health.config;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.sockets.TcpConnectResult;
import java.util.Locale;

/** Builds the probe request of a check from its target and options, one method per probe type. Stateless. */
final class Requests {
  /** Builds the request of one probe type. */
  @FunctionalInterface
  interface Factory<R extends ProbeResult> {
    ProbeRequest<R, ?> create(CheckKeys keys, ProbeRunner client);
  }

  private Requests() {}

  static ProbeRequest<HttpProbeResult, ?> http(CheckKeys k, ProbeRunner client) {
    HttpProbeRequest r = k.value("target", t -> HttpProbeRequest.create(client, t));
    r = k.option("method", r, HttpProbeRequest::method);
    if (k.flag("follow-redirects")) {
      r = r.followRedirects();
    }
    if (k.flag("insecure")) {
      r = r.insecure();
    }
    return r;
  }

  static ProbeRequest<DnsResult, ?> dns(CheckKeys k, ProbeRunner client) {
    DnsRequest r = k.value("target", t -> DnsRequest.create(client, t));
    r = k.option("type", r, DnsRequest::type);
    return k.option("server", r, (q, v) -> {
      HostPort server = HostPort.parse("server", v);
      return q.server(server.host().ascii(), server.portOr(53));
    });
  }

  static ProbeRequest<TcpConnectResult, ?> tcp(CheckKeys k, ProbeRunner client) {
    return k.value("target", t -> {
      HostPort hp = HostPort.parse("target", t);
      if (hp.port().isEmpty()) {
        throw new IllegalArgumentException("a tcp check needs host:port, like db.internal:5432, was \"" + t + "\"");
      }
      return TcpConnectRequest.create(client, hp.host(), hp.port().getAsInt());
    });
  }

  static ProbeRequest<PingResult, ?> ping(CheckKeys k, ProbeRunner client) {
    PingRequest r = k.value("target", t -> PingRequest.create(client, Host.of(t)));
    r = k.option("count", r, (q, v) -> q.count(wholeNumber("count", v)));
    return k.option("ping-interval", r, (q, v) -> q.interval(DurationText.parse("ping-interval", v)));
  }

  static ProbeRequest<ListeningSocketsResult, ?> sockets(CheckKeys k, ProbeRunner client) {
    ListeningSocketsRequest r = ListeningSocketsRequest.create(client).tcp();
    r = k.option("protocol", r, (q, v) -> switch (v.toLowerCase(Locale.ROOT)) {
      case "tcp" -> q;
      case "udp" -> q.udp();
      default -> throw new IllegalArgumentException("protocol must be tcp or udp, was \"" + v + "\"");
    });
    return r.withoutOwners();
  }

  private static int wholeNumber(String what, String text) {
    if (!text.matches("-?[0-9]{1,9}")) {
      throw new IllegalArgumentException(what + " must be a whole number, was \"" + text + "\"");
    }
    return Integer.parseInt(text);
  }
}
