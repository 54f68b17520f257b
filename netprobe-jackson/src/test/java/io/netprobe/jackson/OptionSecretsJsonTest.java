package io.netprobe.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.sockets.TcpConversationRequest;
import io.netprobe.testing.FakeHttpBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Credentials, tokens, proxy passwords, key passwords, bodies and secret sends never reach JSON. */
class OptionSecretsJsonTest {
  private final ProbeClient probes = Probes.builder()
      .backend(new FakeHttpBackend().respond("https://api.test/login", 200, "content-type", "application/json"))
      .build();

  @Test
  void httpOptionsAreWrittenWithoutTheirSecrets() throws Exception {
    HttpProbeResult r = probes.http("https://api.test/login").method("POST")
        .body("user=a&password=form-pw-1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
        .basicAuth("alice", "basic-pw-2").proxy("http://bob:proxy-pw-3@proxy.test:3128")
        .clientCertificate(Path.of("c.pem"), Path.of("k.pem"), "key-pw-4").run();
    String json = NetprobeJson.toJson(r);
    assertThat(json).doesNotContain("form-pw-1", "basic-pw-2", "proxy-pw-3", "key-pw-4")
        .contains("alice", "bob", "<redacted>");
    assertThat(NetprobeJson.mapper().readTree(json).at("/spec/options/body/bytes").asInt()).isEqualTo(25);

    String bearer = NetprobeJson.toJson(probes.http("https://api.test/login").bearerToken("bearer-tok-5").spec());
    assertThat(bearer).doesNotContain("bearer-tok-5").contains("<redacted>");
  }

  @Test
  void secretSendsAreRedacted() throws Exception {
    TcpConversationRequest request = probes.tcpConversation("127.0.0.1", 6379).sendSecret("AUTH redis-pw-6");
    assertThat(NetprobeJson.toJson(request.spec())).doesNotContain("redis-pw-6").contains("<redacted>");
    assertThat(request.spec().toString()).doesNotContain("redis-pw-6");
  }
}
