package io.netprobe.exporter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CEL expressions compiled at load time, refused with blackbox's message, the file, line and key. */
class CelProgramTest {
  private static HttpOptions http(String block) throws ConfigException {
    return BlackboxConfig.parse("f.yml", "modules:\n  m:\n    prober: http\n    http:\n" + block.indent(6))
        .module("m").orElseThrow().http();
  }

  @Test
  void bothExpressionsCompileAtLoad() throws Exception {
    HttpOptions h = http("""
        fail_if_body_json_matches_cel: 'body.status == "DOWN"'
        fail_if_body_json_not_matches_cel: 'body.checks.all(c, c.ok) && size(body.checks) > 0'
        """);
    assertThat(h.failIfBodyJsonMatchesCel()).hasValueSatisfying(p -> assertThat(p.expression())
        .isEqualTo("body.status == \"DOWN\""));
    assertThat(h.failIfBodyJsonNotMatchesCel()).isPresent();
    assertThat(h.celChecks()).isTrue();
    assertThat(HttpOptions.DEFAULT.celChecks()).isFalse();
  }

  @Test
  void anExpressionThatDoesNotCompileIsRefusedWithTheKeyAndLine() {
    assertThatThrownBy(() -> http("fail_if_body_json_matches_cel: 'body.x =='\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("f.yml:5")
        .hasMessageContaining("modules.m.http.fail_if_body_json_matches_cel")
        .hasMessageContaining("\"Could not compile CEL program\" expression=\"body.x ==\"");
    // an unknown variable: only body is declared, as in blackbox
    assertThatThrownBy(() -> http("fail_if_body_json_not_matches_cel: 'response.ok'\n"))
        .hasMessageContaining("undeclared reference to 'response'");
  }
}
