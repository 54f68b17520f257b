package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {
  @Test
  void parsesFamiliesLabelsEscapesAndSpecialValues() {
    PrometheusTextParser.Exposition e = PrometheusTextParser.parse("""
        # HELP probe_http_duration_seconds Duration by phase\\nsecond line
        # TYPE probe_http_duration_seconds gauge
        probe_http_duration_seconds{phase="connect"} 0.001
        probe_http_duration_seconds{phase="tls",x="a\\"b\\\\c"} +Inf
        # TYPE requests counter
        requests_total{module="http_2xx"} 3.0 1700000000000
        requests_created{module="http_2xx"} 1.7E9
        untyped_thing NaN
        """);

    assertThat(e.types()).containsEntry("probe_http_duration_seconds", "gauge").containsEntry("requests", "counter");
    assertThat(e.help().get("probe_http_duration_seconds")).isEqualTo("Duration by phase\nsecond line");
    assertThat(e.value("probe_http_duration_seconds", "phase", "connect")).contains(0.001);
    assertThat(e.value("probe_http_duration_seconds", "phase", "tls", "x", "a\"b\\c")).contains(
        Double.POSITIVE_INFINITY);
    assertThat(e.value("requests_total", "module", "http_2xx")).contains(3.0);
    assertThat(e.value("untyped_thing").orElseThrow()).isNaN();
  }

  @Test
  void rejectsMalformedText() {
    assertThatThrownBy(() -> PrometheusTextParser.parse("probe_success 1")).hasMessageContaining("newline");
    assertThatThrownBy(() -> PrometheusTextParser.parse("probe-success 1\n")).hasMessageContaining("space");
    assertThatThrownBy(() -> PrometheusTextParser.parse("probe_success one\n")).hasMessageContaining("bad value");
    assertThatThrownBy(() -> PrometheusTextParser.parse("a{b=\"c} 1\n")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> PrometheusTextParser.parse("a{b=\"\\x\"} 1\n")).hasMessageContaining("bad escape");
    assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\na 2\n")).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE a gauge\n# TYPE a gauge\na 1\n"))
        .hasMessageContaining("second TYPE");
    assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\n# TYPE a gauge\n")).hasMessageContaining("after");
    assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE a gauge\n# TYPE b gauge\na 1\n"))
        .hasMessageContaining("family");
    assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE a meter\n")).hasMessageContaining("unknown type");
  }
}
