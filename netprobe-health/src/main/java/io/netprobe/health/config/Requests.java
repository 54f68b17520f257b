package io.netprobe.health.config;

import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.util.Locale;

/** Builds the probe request of a check from its target and options, one method per probe type. Stateless. */
final class Requests {
  /** Builds the request of one probe type. */
  @FunctionalInterface
  interface Factory<R extends ProbeResult> {
    ProbeRequest<R, ?> create(CheckKeys keys, ProbeClient client);
  }

  private Requests() {}

  static ProbeRequest<HttpProbeResult, ?> http(CheckKeys k, ProbeClient client) {
    HttpProbeRequest r = k.value("target", client::http);
    r = k.option("method", r, HttpProbeRequest::method);
    if (k.flag("follow-redirects")) {
      r = r.followRedirects();
    }
    if (k.flag("insecure")) {
      r = r.insecure();
    }
    return r;
  }

  static ProbeRequest<DnsResult, ?> dns(CheckKeys k, ProbeClient client) {
    DnsRequest r = k.value("target", client::dns);
    r = k.option("type", r, DnsRequest::type);
    return k.option("server", r, (q, v) -> {
      HostPort server = HostPort.parse("server", v);
      return q.server(server.host().ascii(), server.portOr(53));
    });
  }

  static ProbeRequest<TcpConnectResult, ?> tcp(CheckKeys k, ProbeClient client) {
    return k.value("target", t -> {
      HostPort hp = HostPort.parse("target", t);
      if (hp.port().isEmpty()) {
        throw new IllegalArgumentException("a tcp check needs host:port, like db.internal:5432, was \"" + t + "\"");
      }
      return client.tcp(hp.host().input(), hp.port().getAsInt());
    });
  }

  static ProbeRequest<PingResult, ?> ping(CheckKeys k, ProbeClient client) {
    PingRequest r = k.value("target", client::ping);
    r = k.option("count", r, (q, v) -> q.count(wholeNumber("count", v)));
    return k.option("ping-interval", r, (q, v) -> q.interval(DurationText.parse("ping-interval", v)));
  }

  static ProbeRequest<ListeningSocketsResult, ?> sockets(CheckKeys k, ProbeClient client) {
    ListeningSocketsRequest r = client.listeningSockets().tcp();
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
