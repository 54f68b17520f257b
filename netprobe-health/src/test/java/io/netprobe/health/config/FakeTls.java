package io.netprobe.health.config;

import io.netprobe.testing.FakeHttpBackend;
import java.net.URI;
import java.time.Instant;

/** An https site on the fake HTTP backend whose certificate expires at a given time. */
final class FakeTls {
  private FakeTls() {}

  static void site(FakeHttpBackend http, String url, Instant notAfter) {
    http.respond(url, 200).tls(url, FakeHttpBackend.tlsFor(URI.create(url).getHost(), notAfter));
  }
}
