package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeadResult;
import io.netprobe.testing.contract.HttpBackendContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeHttpBackendTest extends HttpBackendContract {
  private final FakeHttpBackend fake = new FakeHttpBackend()
      .respond("http://app.test/ok", 200, "X-Contract", "yes", "Set-Cookie", "csrftoken=" + SECRET + "; Path=/")
      .respond("http://app.test/r1", 301, "Location", "/r2")
      .respond("http://app.test/r2", 302, "Location", "http://app.test/ok")
      .respond("http://app.test/loop-a", 302, "Location", "/loop-b")
      .respond("http://app.test/loop-b", 302, "Location", "/loop-a")
      .respond("http://app.test/get-only", 200)
      .rejectHead("http://app.test/get-only", 405)
      .respond("http://silent.test/", 200)
      .delay("http://silent.test/", Duration.ofMinutes(1));

  @Test
  void scriptedTlsFactsAndEdgesShowInTheResult() {
    Instant expiry = Instant.now().plus(Duration.ofDays(5));
    fake.respond("https://shop.test/", 200, "Server", "cloudflare")
        .tls("https://shop.test/", FakeHttpBackend.tlsFor("shop.test", expiry))
        .edge("https://shop.test/", EdgeProvider.CLOUDFLARE);
    HttpHeadResult r = Probes.builder().backend(fake).build().http("https://shop.test/").run();
    assertThat(r.tls()).hasValueSatisfying(t -> {
      assertThat(t.verified()).isTrue();
      assertThat(t.daysUntilLeafExpires(Instant.now())).contains(4L);
    });
    assertThat(r.edge()).hasValueSatisfying(e -> assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE));
  }

  @Override
  protected FakeHttpBackend backend() {
    return fake;
  }

  @Override
  protected String okUrl() {
    return "http://app.test/ok";
  }

  @Override
  protected String redirectingUrl() {
    return "http://app.test/r1";
  }

  @Override
  protected String loopingUrl() {
    return "http://app.test/loop-a";
  }

  @Override
  protected String headRejectingUrl() {
    return "http://app.test/get-only";
  }

  @Override
  protected String refusingUrl() {
    return "http://closed.test/";
  }

  @Override
  protected String silentUrl() {
    return "http://silent.test/";
  }
}
