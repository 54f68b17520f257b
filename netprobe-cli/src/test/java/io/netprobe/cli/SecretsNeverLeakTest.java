package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.Redaction;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.engine.DiagnosisReport;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import io.netprobe.testing.FakeTracerouteBackend;
import io.netprobe.testing.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input run: secrets planted in query strings, redirect targets, cookies, request headers and user info go
 * through every probe (fakes, and the real HTTP backend against a local server) and every output — {@code toString()},
 * JSON, the classic text, the diagnosis report in both languages, exception messages, the command line's stdout and
 * stderr, text and {@code --json} — and none of them may show one.
 */
class SecretsNeverLeakTest {
  static final String QUERY_TOKEN = "QtokSECRET1";
  static final String REDIRECT_TOKEN = "RedirSECRET2";
  static final String COOKIE = "CookieSECRET3";
  static final String BEARER = "BearerSECRET4";
  static final String PROXY = "ProxySECRET5";
  static final String REQUEST_COOKIE = "ReqCookieSECRET6";
  static final String API_KEY = "ApiKeySECRET7";
  static final String SIGNATURE = "SigSECRET8";
  static final String PASSWORD = "PassSECRET9";
  static final String PASSWORD_WITH_SLASH = "Pa/ssSECRET10";
  static final String PASSWORD_WITH_SPACE = "Pa ssSECRET11";
  static final String FAILED_PASSWORD = "FailSECRET12";
  static final String FAKE_KEY = "FakeKeySECRET13";
  static final String CUSTOM = "CustomSECRET14";
  static final List<String> SECRETS = List.of(QUERY_TOKEN, REDIRECT_TOKEN, COOKIE, BEARER, PROXY, REQUEST_COOKIE,
      API_KEY, SIGNATURE, PASSWORD, "SECRET10", "SECRET11", FAILED_PASSWORD, FAKE_KEY, CUSTOM);

  final MockWebServer server = new MockWebServer();
  final List<String> outputs = new ArrayList<>();
  String base;

  final FakeDnsBackend dns = new FakeDnsBackend().address("fake.example", "192.0.2.10");
  final FakeHttpBackend fakeHttp = new FakeHttpBackend()
      .respond("https://fake.example/a?api_key=" + FAKE_KEY, 302, "location",
          "https://fake.example/b?api_key=" + FAKE_KEY + "&sig=" + SIGNATURE)
      .respond("https://fake.example/b?api_key=" + FAKE_KEY + "&sig=" + SIGNATURE, 200, "set-cookie",
          "sessionid=" + COOKIE + "; Path=/");
  final ProbeClient fakes = Probes.builder().backend(dns).backend(fakeHttp)
      .backend(new FakePingBackend().reply("192.0.2.10", Duration.ofMillis(3)))
      .backend(new FakeTracerouteBackend().route("192.0.2.10", "192.0.2.1", "192.0.2.10"))
      .backend(new FakeSocketTableBackend()).backend(new FakeTcpConnectBackend()).build();
  // the real HTTP backend (found on the class path), everything else faked: only loopback traffic
  final ProbeClient real = Probes.builder().backend(dns)
      .backend(new FakePingBackend().reply("127.0.0.1", Duration.ofMillis(1)))
      .backend(new FakeTracerouteBackend().route("127.0.0.1", "127.0.0.1"))
      .backend(new FakeSocketTableBackend()).backend(new FakeTcpConnectBackend()).build();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        if (target.startsWith("/start")) {
          return new MockResponse.Builder().code(302)
              .addHeader("Location", "/next?access_token=" + REDIRECT_TOKEN + "&x=1")
              .addHeader("Set-Cookie", "session=" + COOKIE + "; Path=/; HttpOnly").build();
        }
        return new MockResponse.Builder().code(200).addHeader("Server", "nginx")
            .addHeader("X-Api-Key", API_KEY).addHeader("Content-Location", "/next?token=" + QUERY_TOKEN).build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    base = "http://127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String startUrl() {
    return base + "/start?token=" + QUERY_TOKEN + "&sig=" + SIGNATURE + "&custom_secret_name=x";
  }

  void scan(ProbeResult r) {
    outputs.add(r.toString());
    outputs.add(NetprobeJson.toJson(r));
    outputs.add(NetprobeJson.toPrettyJson(r));
    if (r instanceof DiagnosisResult d) {
      outputs.add(DiagnosisReport.render(d, Locale.ENGLISH));
      outputs.add(DiagnosisReport.render(d, Locale.KOREAN));
    } else {
      outputs.add(io.netprobe.text.ClassicText.render(r));
      outputs.add(io.netprobe.text.ClassicText.summary(r));
    }
    r.failure().ifPresent(f -> {
      outputs.add(f.toString());
      outputs.add(f.message());
      outputs.add(String.valueOf(f.toException().getMessage()));
      outputs.add(io.netprobe.text.ClassicText.failure(f));
    });
  }

  void scanThrown(Supplier<?> call) {
    try {
      Object value = call.get();
      outputs.add(String.valueOf(value));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        outputs.add(t.toString());
      }
    }
  }

  CliTest.Run cli(ProbeClient client, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Netprobe.commandLine(client, Locale.ENGLISH, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    outputs.add(out.toString());
    outputs.add(err.toString());
    return new CliTest.Run(exit, out.toString(), err.toString());
  }

  void assertNoSecret() {
    assertThat(outputs).isNotEmpty();
    for (String output : outputs) {
      for (String secret : SECRETS) {
        assertThat(output).as("an output shows %s", secret).doesNotContain(secret);
      }
    }
  }

  @Test
  void realHttpBackendResultsHideEverySecret() {
    HttpProbeResult r = real.http(startUrl()).followRedirects().header("Authorization", "Bearer " + BEARER)
        .header("Proxy-Authorization", "Basic " + PROXY).header("Cookie", "sid=" + REQUEST_COOKIE)
        .header("X-Api-Key", API_KEY).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.hops()).hasSize(2);
    // the probe itself saw the secrets: redaction is an output matter only
    assertThat(r.hops().get(1).url().toString()).contains(REDIRECT_TOKEN);
    scan(r);
    r.hops().forEach(h -> outputs.add(h.toString()));
    outputs.add(r.spec().toString());
    outputs.add(r.headers().toString());
    outputs.add(real.http(startUrl()).header("Authorization", "Bearer " + BEARER).toString());
    assertThat(NetprobeJson.toJson(r)).contains("token=" + Redaction.MARK).contains("Bearer " + Redaction.MARK);
    assertNoSecret();
  }

  @Test
  void failuresAndTheirMessagesHideTheUrlSecrets() {
    int closed = FreePorts.tcp();
    HttpProbeResult r = real.http("http://127.0.0.1:" + closed + "/x?password=" + FAILED_PASSWORD)
        .timeout(Duration.ofSeconds(2)).run();
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED));
    scan(r);
    assertNoSecret();
  }

  @Test
  void fakeProbesAndTheDiagnosisHideEverySecret() {
    scan(fakes.http("https://fake.example/a?api_key=" + FAKE_KEY).followRedirects().run());
    scan(fakes.dns("fake.example").run());
    scan(fakes.ping("fake.example").count(1).run());
    scan(fakes.traceroute("192.0.2.10").run());
    scan(fakes.tcp("fake.example", 443).run());
    scan(fakes.listeningSockets().run());
    scan(real.diagnose(startUrl()).networkTargets().timeout(Duration.ofSeconds(5)).run());
    outputs.add(real.diagnose(startUrl()).toString());
    assertNoSecret();
  }

  @Test
  void bad_inputsNeverEchoAPassword() {
    for (String url : List.of("https://user:" + PASSWORD + "@example.com/", "user:" + PASSWORD + "@example.com",
        "user:" + PASSWORD_WITH_SLASH + "@example.com/", "https://user:" + PASSWORD_WITH_SPACE + "@example.com/",
        "user:" + PASSWORD + "#x@example.com", "http://user:" + PASSWORD + "?@example.com:99999/")) {
      assertThatThrownBy(() -> real.http(url)).isInstanceOf(IllegalArgumentException.class);
      scanThrown(() -> real.http(url));
      scanThrown(() -> real.diagnose(url));
      cli(real, "head", url);
      cli(real, "head", "--json", url);
      cli(real, "diagnose", url);
    }
    scanThrown(() -> real.ping("user:" + PASSWORD + "@example.com"));
    scanThrown(() -> real.tcp("user:" + PASSWORD + "@example.com", 80));
    scanThrown(() -> real.dns("user:" + PASSWORD + "@example.com"));
    scanThrown(() -> real.http(base).header("X-Api-Key", "line\r\n" + API_KEY));
    assertNoSecret();
  }

  @Test
  void theCommandLineHidesEverySecretInTextAndJson() {
    String[] headers = {"-H", "Authorization: Bearer " + BEARER, "-H", "Proxy-Authorization: Basic " + PROXY,
        "-H", "Cookie: sid=" + REQUEST_COOKIE, "-H", "X-Api-Key: " + API_KEY};
    CliTest.Run text = cli(real, concat(new String[] {"head", "-L", startUrl()}, headers));
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("HTTP/1.1 302").contains("token=" + Redaction.MARK);
    CliTest.Run json = cli(real, concat(new String[] {"head", "--json", "-L", startUrl()}, headers));
    assertThat(json.json().path("spec").path("requestHeaders").toString()).contains("Authorization")
        .contains(Redaction.MARK);
    cli(real, "diagnose", startUrl(), "--no-network-check", "--timeout", "5");
    cli(real, "diagnose", "--json", startUrl(), "--no-network-check", "--timeout", "5");
    cli(real, "head", "http://127.0.0.1:" + FreePorts.tcp() + "/?password=" + FAILED_PASSWORD);
    assertNoSecret();
  }

  @Test
  void namesCanBeAdded() {
    String url = base + "/next?custom_thing=" + CUSTOM;
    assertThat(Redaction.url(url)).contains(CUSTOM);
    Redaction.addSensitiveQueryParameters("custom_thing");
    Redaction.addSensitiveHeaders("X-Custom-Header");
    scan(real.http(url).header("X-Custom-Header", CUSTOM).run());
    cli(real, "head", "--json", url);
    assertNoSecret();
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
