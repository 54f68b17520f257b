package io.netprobe.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration metadata IDEs read from the starter's auto-configuration jar: generated from the properties
 * class, merged with additional-spring-configuration-metadata.json (the per-check documentation and the hints).
 */
class ConfigurationMetadataTest {

  @Test
  void metadataDocumentsEveryKeyAndHintsTheCheckNamesAndDegradedStatus() throws Exception {
    Map<String, Object> metadata = netprobeMetadata();

    Map<String, Object> checks = named(metadata, "properties", "netprobe.checks").orElseThrow();
    assertThat(checks.get("type"))
        .isEqualTo("java.util.Map<java.lang.String,io.netprobe.spring.autoconfigure.NetprobeProperties$Check>");
    assertThat((String) checks.get("description"))
        .contains("probe (http, dns, tcp, ping or sockets)")
        .contains("\"status 2xx\"").contains("\"answer 192.0.2.1\"").contains("\"listens 8080\"")
        .contains("follow-redirects").contains("ping-interval").contains("protocol (sockets)");
    for (String key : List.of("netprobe.enabled", "netprobe.timeout", "netprobe.health.degraded-status",
        "netprobe.health.readiness", "netprobe.metrics.percentiles-histogram", "netprobe.metrics.max-targets",
        "netprobe.diagnosis.network-targets", "netprobe.diagnosis.dns-server", "netprobe.diagnosis.timeout")) {
      Map<String, Object> p = named(metadata, "properties", key).orElseThrow(() -> new AssertionError(key));
      assertThat((String) p.get("description")).as(key).isNotBlank();
    }
    assertThat(named(metadata, "properties", "netprobe.health.readiness").orElseThrow())
        .containsEntry("defaultValue", false);

    assertThat(hintValues(metadata, "netprobe.checks.keys")).contains("web", "db");
    assertThat(hintValues(metadata, "netprobe.health.degraded-status")).containsExactly("UP", "DEGRADED",
        "OUT_OF_SERVICE", "DOWN");
  }

  /**
   * IDEs complete the fields of a map value from its class, not from the metadata file (Spring's format has no hints
   * for them): the fields with a fixed set of values are enums, so their values are offered.
   */
  @Test
  void theClosedChoicesOfACheckAreEnumsSoIdesCompleteThem() throws Exception {
    Class<?> check = io.netprobe.spring.autoconfigure.NetprobeProperties.Check.class;
    assertThat(check.getMethod("getProbe").getReturnType().getEnumConstants())
        .extracting(Object::toString).containsExactly("HTTP", "DNS", "TCP", "PING", "SOCKETS");
    assertThat(check.getMethod("getMethod").getReturnType().getEnumConstants())
        .extracting(Object::toString).containsExactly("HEAD", "GET", "OPTIONS");
    assertThat(check.getMethod("getProtocol").getReturnType().getEnumConstants())
        .extracting(Object::toString).containsExactly("TCP", "UDP");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> hintValues(Map<String, Object> metadata, String name) {
    Map<String, Object> hint = named(metadata, "hints", name).orElseThrow(() -> new AssertionError(name));
    return ((List<Map<String, Object>>) hint.get("values")).stream().map(v -> v.get("value")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> named(Map<String, Object> metadata, String section, String name) {
    List<Map<String, Object>> items = (List<Map<String, Object>>) metadata.getOrDefault(section, List.of());
    return items.stream().filter(i -> name.equals(i.get("name"))).findFirst();
  }

  /** The metadata file of the jar that declares netprobe's properties (every Boot jar has one too). */
  private static Map<String, Object> netprobeMetadata() throws Exception {
    for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (json.contains("io.netprobe.spring.autoconfigure.NetprobeProperties")) {
          return JsonParserFactory.getJsonParser().parseMap(json);
        }
      }
    }
    throw new AssertionError("no META-INF/spring-configuration-metadata.json declares NetprobeProperties");
  }
}
