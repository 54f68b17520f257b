package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
  private static final String TEXT = """
      # a comment
      ! another comment
      check.web.probe=http

        check.web.target : https://example.com/
      check.web.expect status 2xx; \\
                       certificate 14d
      check.web.timeout=5s   \s
      check.caf\\u00e9.probe=tcp
      check.x\\=y.probe=ping
      # a comment ending in a backslash does not continue \\
      check.last.probe=dns
      """;

  @Test
  void readsThePropertiesFormatAsPropertiesDoesAndKnowsEachKeysLine() throws Exception {
    ConfigSource s = ConfigSource.read(new StringReader(TEXT));

    assertThat(s.values()).containsExactly(Map.entry("check.web.probe", "http"),
        Map.entry("check.web.target", "https://example.com/"),
        Map.entry("check.web.expect", "status 2xx; certificate 14d"), Map.entry("check.web.timeout", "5s"),
        Map.entry("check.café.probe", "tcp"), Map.entry("check.x=y.probe", "ping"),
        Map.entry("check.last.probe", "dns"));
    assertThat(s.line("check.web.probe")).hasValue(3);
    assertThat(s.line("check.web.target")).hasValue(5);
    assertThat(s.line("check.web.expect")).hasValue(6);
    assertThat(s.line("check.web.timeout")).hasValue(8);
    assertThat(s.line("check.last.probe")).hasValue(12);
    assertThat(s.line("check.none.probe")).isEmpty();
    assertThat(s.get("check.web.timeout")).contains("5s");
    assertThat(s.get("check.none.probe")).isEmpty();

    Properties p = new Properties();
    p.load(new StringReader(TEXT));
    Map<String, String> jdk = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> jdk.put(k, p.getProperty(k).trim()));
    assertThat(s.values()).containsExactlyInAnyOrderEntriesOf(jdk);
  }

  @Test
  void aKeyWrittenTwiceNamesBothLines() {
    assertThatThrownBy(() -> ConfigSource.read(new StringReader("a=1\nb=2\n\na=3\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 4: a is written again; it is already on line 1");
  }

  @Test
  void aBadEscapeNamesItsLine() {
    assertThatThrownBy(() -> ConfigSource.read(new StringReader("a=1\nb=\\u00zz\n"))).hasMessageStartingWith(
        "line 2: Malformed \\uxxxx encoding");
  }

  @Test
  void readsAFileInUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("checks.properties");
    Files.writeString(file, "check.café.probe=tcp\ncheck.café.target=db:5432\n", StandardCharsets.UTF_8);
    ConfigSource s = ConfigSource.read(file);

    assertThat(s.values()).containsEntry("check.café.target", "db:5432");
    assertThat(s.line("check.café.target")).hasValue(2);
  }

  @Test
  void aMapKeepsItsOrderAndValuesAndHasNoLines() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("b", " 2 ");
    m.put("a", "1");
    ConfigSource s = ConfigSource.of(m);
    m.put("c", "3");

    assertThat(s.values()).containsExactly(Map.entry("b", " 2 "), Map.entry("a", "1"));
    assertThat(s.line("a")).isEmpty();
    assertThatThrownBy(() -> s.values().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    Map<String, String> withNull = new java.util.HashMap<>();
    withNull.put("a", null);
    assertThatThrownBy(() -> ConfigSource.of(withNull)).isInstanceOf(NullPointerException.class)
        .hasMessage("the value of a");
  }
}
