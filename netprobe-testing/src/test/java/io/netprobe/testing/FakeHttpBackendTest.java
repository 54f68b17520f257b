package io.netprobe.testing;

import io.netprobe.testing.contract.HttpBackendContract;
import java.time.Duration;

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
