package io.netprobe.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The redirect and fallback policy against a backend whose every exchange is a lambda. */
class HttpProbePolicyTest {
  // package-private members: HttpProbePolicyAsyncTest runs every case again on the asynchronous path
  private static final Duration MS = Duration.ofMillis(1);
  private static final PhaseTimings TIMINGS = new PhaseTimings(MS, MS, Optional.empty(), MS, MS, MS);

  /** Answers per URL, each a function of the method; records every exchange. */
  static final class Stub implements HttpBackend {
    final Map<String, Function<String, HttpExchange>> answers = new ConcurrentHashMap<>();
    final List<String> sent = new ArrayList<>();

    Stub on(String url, Function<String, HttpExchange> answer) {
      answers.put(url, answer);
      return this;
    }

    @Override
    public String id() {
      return "stub";
    }

    @Override
    public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
      sent.add(request.method() + " " + request.url());
      return answers.getOrDefault(request.url().toString(), m -> HttpExchange.failed(
          ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "refused"))).apply(request.method());
    }
  }

  private static HttpExchange response(int status, String... namesAndValues) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new HttpExchange.Response(status, "", HttpVersion.HTTP_1_1, HttpHeaders.of(headers),
        Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80)), TIMINGS, Optional.empty());
  }

  private static HttpProbeSpec spec(String url, String method, int maxRedirects) {
    return new HttpProbeSpec(URI.create(url), method, maxRedirects, false, Map.of(), List.of(),
        HttpProbeSpec.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5), TlsImplementation.AUTO);
  }

  HttpProbeResult run(Stub stub, HttpProbeSpec spec) {
    return run(stub, spec, Deadline.after(spec.timeout()));
  }

  /** The sync policy here; {@link HttpProbePolicyAsyncTest} runs every case again through {@code runAsync} over exchangeAsync. */
  HttpProbeResult run(Stub stub, HttpProbeSpec spec, Deadline deadline) {
    return HttpProbePolicy.run(stub, spec, deadline);
  }


  @Test
  void headRejectedAtARedirectTargetIsRetriedWithGetForThatHopOnly() {
    Stub stub = new Stub()
        .on("http://a.test/", m -> response(301, "location", "http://b.test/"))
        .on("http://b.test/", m -> m.equals("HEAD") ? response(501) : response(200));
    HttpProbeResult r = run(stub, spec("http://a.test/", "HEAD", 5));
    assertThat(r.failure()).isEmpty();
    assertThat(r.usedGetFallback()).isTrue();
    assertThat(r.hops()).extracting(HttpHop::method).containsExactly("HEAD", "GET");
    assertThat(stub.sent).containsExactly("HEAD http://a.test/", "HEAD http://b.test/", "GET http://b.test/");
    assertThat(r.backend()).isEqualTo("stub");
  }

  @Test
  void onlyHeadFallsBackToGet() {
    Stub stub = new Stub().on("http://a.test/", m -> response(405));
    assertThat(run(stub, spec("http://a.test/", "GET", 0)).status()).contains(405);
    assertThat(run(stub, spec("http://a.test/", "OPTIONS", 0)).usedGetFallback()).isFalse();
    assertThat(stub.sent).containsExactly("GET http://a.test/", "OPTIONS http://a.test/");
  }

  @Test
  void hostNamesWithUnderscoresAreRequestedAndFollowed() {
    Stub stub = new Stub()
        .on("http://my_host.test/", m -> response(302, "location", "http://other_host.test/x"))
        .on("http://other_host.test/x", m -> response(200));
    HttpProbeResult r = run(stub, spec("http://my_host.test/", "HEAD", 5));
    assertThat(r.failure()).isEmpty();
    assertThat(r.finalUrl()).isEqualTo(URI.create("http://other_host.test/x"));
  }

  @Test
  void anExplicitDefaultPortIsTheSameUrlForLoopDetection() {
    Stub stub = new Stub()
        .on("http://[::80]/", m -> response(301, "location", "http://[::80]:80/"))
        .on("http://[::80]:80/", m -> response(301, "location", "http://[::80]/"));
    HttpProbeResult r = run(stub, spec("http://[::80]/", "HEAD", 5));
    assertThat(r.failureKind()).contains(FailureKind.REDIRECT_LOOP);
    assertThat(r.hops()).hasSize(1);
  }

  @Test
  void aRedirectWithoutLocationIsTheFinalAnswer() {
    Stub stub = new Stub().on("http://a.test/", m -> response(304));
    HttpProbeResult r = run(stub, spec("http://a.test/", "HEAD", 5));
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(304);
  }

  @Test
  void theDeadlineSpansEveryHopAndTheHopsBeforeItAreKept() {
    Stub stub = new Stub().on("http://a.test/", m -> {
      sleep(Duration.ofMillis(120));
      return response(302, "location", "/again");
    });
    HttpProbeResult r = run(stub, spec("http://a.test/", "HEAD", 5), Deadline.after(Duration.ofMillis(60)));
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.failure().orElseThrow().message()).contains("http://a.test/again").contains("after 1 hop(s)");
    assertThat(r.hops()).hasSize(1);
    assertThat(stub.sent).hasSize(1);
  }

  @Test
  void theFinalResponseAloneIsClassified() {
    Stub stub = new Stub()
        .on("http://a.test/", m -> response(301, "server", "cloudflare", "location", "http://b.test/"))
        .on("http://b.test/", m -> response(200, "server", "AkamaiGHost", "set-cookie", "csrftoken=s; Path=/"));
    HttpProbeResult r = run(stub, spec("http://a.test/", "HEAD", 5));
    assertThat(r.edge()).hasValueSatisfying(e -> assertThat(e.provider()).isEqualTo(EdgeProvider.AKAMAI));
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.technology()).isEqualTo("Django"));

    HttpProbeResult failed = run(new Stub().on("http://a.test/", m -> response(301, "server", "cloudflare",
        "location", "http://gone.test/")), spec("http://a.test/", "HEAD", 5));
    assertThat(failed.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(failed.edge()).as("the last response that came, even when a later hop failed")
        .hasValueSatisfying(e -> assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE));
  }

  @Test
  void aBackendThatReturnsNullIsNamed() {
    Stub stub = new Stub().on("http://a.test/", m -> null);
    assertThatNullPointerException().isThrownBy(() -> run(stub, spec("http://a.test/", "HEAD", 0)))
        .withMessageContaining("stub").withMessageContaining("http://a.test/");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
