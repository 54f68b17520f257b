package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.FailureKind;
import io.netprobe.core.NetprobeException;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.PhaseTimings;
import io.netprobe.spi.HttpBackend;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link HttpBackend}. Extend it and say where, in your test's world, each kind of server
 * answers (a real loopback server for a real backend, scripted URLs for a fake):
 *
 * <ul>
 *   <li>{@link #okUrl()} answers HEAD with 200 and the headers {@code X-Contract: yes} and
 *       {@code Set-Cookie: csrftoken=contract-secret-value; Path=/};
 *   <li>{@link #redirectingUrl()} redirects twice (any 3xx with {@code Location}), then lands on {@link #okUrl()};
 *   <li>{@link #loopingUrl()} redirects in a circle;
 *   <li>{@link #headRejectingUrl()} answers HEAD with 405 and GET with 200;
 *   <li>{@link #ftpRedirectingUrl()} answers 301 with {@code Location: ftp://files.example.test/};
 *   <li>{@link #refusingUrl()} refuses the connection; {@link #silentUrl()} never answers.
 * </ul>
 *
 * <p>A backend makes single exchanges; redirects, the HEAD→GET fallback, loops, limits and the edge and origin
 * classification are netprobe-core's. The redirect cases here therefore show that every backend, real or fake, ends
 * with the same verdict for the same wire.
 */
public abstract class HttpBackendContract {
  /** For subclasses. */
  protected HttpBackendContract() {}

  /** The cookie value {@link #okUrl()} sets; it must never show in {@code toString()} or rendered output. */
  public static final String SECRET = "contract-secret-value";

  protected abstract HttpBackend backend();

  protected abstract String okUrl();

  protected abstract String redirectingUrl();

  protected abstract String loopingUrl();

  protected abstract String headRejectingUrl();

  protected abstract String ftpRedirectingUrl();

  protected abstract String refusingUrl();

  protected abstract String silentUrl();

  private ProbeClient client() {
    return Probes.builder().backend(backend()).timeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void headAnswersWithStatusVersionHeadersAddressAndOrderedTimings() {
    HttpProbeResult r = client().http(okUrl()).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(200);
    assertThat(r.hops()).hasSize(1);
    assertThat(r.redirectCount()).isZero();
    assertThat(r.version()).isPresent();
    assertThat(r.remote()).isPresent();
    assertThat(r.headers().first("X-CONTRACT")).as("case-insensitive lookup").contains("yes");
    HttpHop hop = r.finalHop().orElseThrow();
    assertThat(hop.method()).isEqualTo("HEAD");
    assertThat(r.usedGetFallback()).isFalse();
    assertOrdered(hop.timings());
    assertThat(r.finalUrl()).isEqualTo(URI.create(okUrl()));
    assertThat(r.orThrow()).isSameAs(r);
  }

  @Test
  void reportsTheFirstResponseByDefaultLikeCurlDashCapitalI() {
    HttpProbeResult r = client().http(redirectingUrl()).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.hops()).hasSize(1);
    assertThat(r.status()).hasValueSatisfying(s -> assertThat(s).isBetween(300, 399));
    assertThat(r.finalHop().orElseThrow().location()).isPresent();
    assertThat(r.finalHop().orElseThrow().isRedirect()).isTrue();
    assertThat(r.redirectCount()).isZero();
  }

  @Test
  void followsRedirectsRecordingEveryHop() {
    HttpProbeResult r = client().http(redirectingUrl()).followRedirects().run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.hops()).hasSize(3);
    assertThat(r.redirectCount()).isEqualTo(2);
    assertThat(r.status()).contains(200);
    assertThat(r.finalUrl()).isEqualTo(URI.create(okUrl()));
    for (int i = 0; i < 2; i++) {
      HttpHop hop = r.hops().get(i);
      assertThat(hop.isRedirect()).as("hop %d is a redirect", i).isTrue();
      assertThat(hop.location()).contains(r.hops().get(i + 1).url());
      assertThat(hop.remote()).isPresent();
      assertOrdered(hop.timings());
    }
  }

  @Test
  void tooManyRedirectsIsATypedFailureThatKeepsTheHops() {
    HttpProbeResult r = client().http(redirectingUrl()).maxRedirects(1).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.TOO_MANY_REDIRECTS);
    assertThat(r.hops()).hasSize(2);
    assertThat(r.hops()).allSatisfy(h -> assertThat(h.isRedirect()).isTrue());
  }

  @Test
  void redirectLoopIsATypedFailureThatKeepsTheHops() {
    HttpProbeResult r = client().http(loopingUrl()).maxRedirects(20).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.REDIRECT_LOOP);
    assertThat(r.hops()).hasSizeGreaterThanOrEqualTo(2).hasSizeLessThan(20);
  }

  @Test
  void headRejectedWith405IsRetriedOnceWithGet() {
    HttpProbeResult r = client().http(headRejectingUrl()).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.usedGetFallback()).isTrue();
    assertThat(r.status()).contains(200);
    assertThat(r.finalHop().orElseThrow().method()).isEqualTo("GET");
  }

  @Test
  void redirectToAnotherSchemeIsAProtocolErrorWhenFollowedAndJustAnAnswerWhenNot() {
    HttpProbeResult followed = client().http(ftpRedirectingUrl()).followRedirects().run();
    wellFormed(followed, backend());
    assertThat(followed.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(followed.failure().orElseThrow().message()).contains("ftp://files.example.test/");
    assertThat(followed.hops()).hasSize(1);
    assertThat(followed.status()).contains(301);

    HttpProbeResult first = client().http(ftpRedirectingUrl()).run();
    wellFormed(first, backend());
    assertThat(first.failure()).isEmpty();
    assertThat(first.status()).contains(301);
    assertThat(first.headers().first("location")).contains("ftp://files.example.test/");
    assertThat(first.finalHop().orElseThrow().location()).as("not an http(s) URL to follow").isEmpty();
    assertThat(first.finalHop().orElseThrow().isRedirect()).isFalse();
  }

  @Test
  void redirectHopsAreHeadRequestsWithTheirOwnStatusAndOneLocationEach() {
    HttpProbeResult r = client().http(redirectingUrl()).followRedirects().run();
    assertThat(r.hops()).extracting(HttpHop::method).containsExactly("HEAD", "HEAD", "HEAD");
    assertThat(r.hops()).extracting(HttpHop::url).doesNotHaveDuplicates();
    assertThat(r.hops().get(0).url()).isEqualTo(URI.create(redirectingUrl()));
    assertThat(r.usedGetFallback()).isFalse();
  }

  @Test
  void redirectLoopIsCaughtAtTheFirstUrlVisitedTwice() {
    HttpProbeResult r = client().http(loopingUrl()).maxRedirects(20).run();
    URI first = r.hops().get(0).url();
    assertThat(r.hops().get(r.hops().size() - 1).location()).as("the last hop points back").contains(first);
    assertThat(r.failure().orElseThrow().message()).contains("redirect loop").contains(first.toString());
  }

  @Test
  void refusedConnectionIsAFailureValueNotAnException() {
    HttpProbeResult r = client().http(refusingUrl()).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(r.hops()).isEmpty();
    assertThat(r.status()).isEmpty();
    Assertions.assertThatThrownBy(r::orThrow).isInstanceOf(NetprobeException.class)
        .extracting(e -> ((NetprobeException) e).kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void silentServerTimesOutByTheDeadline() {
    Duration timeout = Duration.ofMillis(400);
    HttpProbeResult r = returnsByDeadline(timeout, () -> client().http(silentUrl()).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
  }

  /**
   * Many probes to a silent server at once all end by their deadline: the backend bounds its threads, and the
   * engine's timer ends the probes it has not served yet.
   */
  @Test
  void manySilentProbesAtOnceAllEndByTheirDeadline() {
    Duration timeout = Duration.ofMillis(400);
    ProbeClient client = client();
    long start = System.nanoTime();
    List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(client.http(silentUrl()).timeout(timeout).runAsync());
    }
    List<HttpProbeResult> results = futures.stream().map(CompletableFuture::join).toList();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(results).allSatisfy(r -> assertThat(r.failureKind()).contains(FailureKind.TIMEOUT));
    assertThat(tookMillis).as("100 silent probes of 400 ms at once").isLessThan(400 + 600);
  }

  @Test
  void runAsyncCompletesWithTheSameOutcomes() throws Exception {
    HttpProbeResult ok = client().http(okUrl()).runAsync().get(5, TimeUnit.SECONDS);
    HttpProbeResult refused = client().http(refusingUrl()).runAsync().get(5, TimeUnit.SECONDS);
    assertThat(ok.status()).contains(200);
    assertThat(refused.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void secretsAreRedactedButNamesAndOriginHintsRemain() {
    HttpProbeResult r = client().http(okUrl()).header("Authorization", "Bearer contract-token-value").run();
    assertThat(r.headers().first("set-cookie")).hasValueSatisfying(c -> assertThat(c).contains(SECRET));
    assertThat(r.toString()).doesNotContain(SECRET).doesNotContain("contract-token-value").contains("csrftoken");
    HttpHop last = r.finalHop().orElseThrow();
    assertThat(last.statusLine()).contains("200");
    assertThat(last.headers().toString()).doesNotContain(SECRET).contains("csrftoken=<redacted>");
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.technology()).isEqualTo("Django"));
  }

  @Test
  void badUrlsAndOptionsAreRejectedBeforeAnythingIsSent() {
    ProbeClient client = client();
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("ftp://example.test/")).withMessageContaining("ftp");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://")).withMessageContaining("no host");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://example.test:0/"))
        .withMessageContaining("port 0");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://example.test:70000/"))
        .withMessageContaining("65535");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://exa mple.test/"))
        .withMessageContaining("white space");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://user:pw@example.test/"))
        .withMessageContaining("user info").withMessageNotContaining("pw@");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://[::1/")).withMessageContaining("IPv6");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http("http://[12345::1]/"));
    assertThatIllegalArgumentException().isThrownBy(() -> client.http(okUrl()).maxRedirects(51))
        .withMessageContaining("51");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http(okUrl()).method("PO ST"))
        .withMessageContaining("PO ST");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http(okUrl()).header("X-A", "b\r\nHost: evil"))
        .withMessageContaining("line breaks");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http(okUrl()).header("X-Name", "José"))
        .withMessageContaining("ASCII");
    assertThatIllegalArgumentException().isThrownBy(() -> client.http(okUrl()).resolve("example.test", "not-an-ip"))
        .withMessageContaining("not-an-ip");
  }

  /** curl's order: namelookup ≤ connect ≤ appconnect ≤ pretransfer ≤ starttransfer ≤ total. */
  protected static void assertOrdered(PhaseTimings t) {
    assertThat(t.nameLookup()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(t.connect()).isGreaterThanOrEqualTo(t.nameLookup());
    t.tlsHandshake().ifPresent(tls -> assertThat(tls).isGreaterThanOrEqualTo(t.connect()));
    assertThat(t.requestSent()).isGreaterThanOrEqualTo(t.tlsHandshake().orElse(t.connect()));
    assertThat(t.firstByte()).isGreaterThanOrEqualTo(t.requestSent());
    assertThat(t.total()).isGreaterThanOrEqualTo(t.firstByte());
  }
}
