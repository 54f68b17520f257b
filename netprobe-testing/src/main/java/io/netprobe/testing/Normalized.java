package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import io.netprobe.dns.DnsRequest;
import io.netprobe.http.HttpProbeRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Names and URLs in the form the requests give them to backends, found through the public request API only: the
 * fakes run in a consumer's tests, often on the module path, where netprobe's internal packages are out of reach.
 * Stateless; thread-safe.
 */
final class Normalized {
  /** Builds requests, never runs them. */
  private static final ProbeRunner PARSER = new ProbeRunner() {
    @Override
    public Duration timeout() {
      return Duration.ofSeconds(5);
    }

    @Override
    public Executor executor() {
      return Runnable::run;
    }

    @Override
    public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
      throw new UnsupportedOperationException("only parses");
    }

    @Override
    public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
      throw new UnsupportedOperationException("only parses");
    }
  };

  private Normalized() {}

  /** The http(s) URL as a probe of it sends it ({@code example.com} → {@code https://example.com/}). */
  static URI url(String url) {
    return HttpProbeRequest.create(PARSER, url).spec().url();
  }

  /** The DNS name as a query for it asks it: ASCII, no trailing dot, an address as its PTR name. */
  static String dnsName(String name) {
    return DnsRequest.create(PARSER, name).spec().name();
  }
}
