package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeRunner;
import io.netprobe.dns.DnsRequest;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.TcpConnectRequest;
import java.util.concurrent.Executor;

/**
 * The probes a diagnosis makes, as requests on the runner the engine was given: the same entry points as the
 * {@code ProbeClient} facade, so the checklist uses the client's backends (fakes included) without depending on the
 * facade. Immutable; thread-safe.
 */
final class Probing {
  private final ProbeRunner runner;

  Probing(ProbeRunner runner) {
    this.runner = runner;
  }

  DnsRequest dns(String name) {
    return DnsRequest.create(runner, name);
  }

  HttpProbeRequest http(String url) {
    return HttpProbeRequest.create(runner, url);
  }

  PingRequest ping(String host) {
    return PingRequest.create(runner, Host.of(host));
  }

  TcpConnectRequest tcp(String host, int port) {
    return TcpConnectRequest.create(runner, Host.of(host), port);
  }

  ListeningSocketsRequest listeningSockets() {
    return ListeningSocketsRequest.create(runner);
  }

  Executor executor() {
    return runner.executor();
  }
}
