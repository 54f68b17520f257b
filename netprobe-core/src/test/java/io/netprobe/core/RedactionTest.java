package io.netprobe.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://a.example/x?token=abc&q=1|https://a.example/x?token=<redacted>&q=1",
      "https://a.example/x?q=1&ACCESS_TOKEN=abc#frag|https://a.example/x?q=1&ACCESS_TOKEN=<redacted>#frag",
      "https://a.example/cb#access_token=abc&state=s|https://a.example/cb#access_token=<redacted>&state=s",
      "https://a.example/?X-Amz-Signature=abc&X-Amz-Credential=def|https://a.example/?X-Amz-Signature=<redacted>&X-Amz-Credential=<redacted>",
      "https://a.example/?my_api_key=abc&password=pw|https://a.example/?my_api_key=<redacted>&password=<redacted>",
      "https://user:pw@a.example/|https://<redacted>@a.example/",
      "user:pw@a.example|<redacted>@a.example",
      "user:p/w@a.example/x|<redacted>@a.example/x",
      "https://user:p w@a.example/|https://<redacted>@a.example/",
      "https://u:p@ss@a.example/|https://<redacted>@a.example/",
      "https://a.example/@someone|https://a.example/@someone",
      "a.example:8080/@someone|a.example:8080/@someone",
      "http://[::1]:80/@x|http://[::1]:80/@x",
      "https://a.example/?q=token|https://a.example/?q=token"})
  void urls(String url, String shown) {
    assertThat(Redaction.url(url)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "Authorization|Bearer abc|Bearer <redacted>",
      "Proxy-Authorization|Basic abc|Basic <redacted>",
      "Cookie|a=1; b=2|a=<redacted>; b=<redacted>",
      "Set-Cookie|csrftoken=abc; Path=/; HttpOnly|csrftoken=<redacted>; Path=/; HttpOnly",
      "X-Api-Key|abc|<redacted>",
      "X-Upstream-Token|abc|<redacted>",
      "Location|/next?token=abc|/next?token=<redacted>",
      "Location|https://u:p@b.example/|https://<redacted>@b.example/",
      "Server|nginx|nginx"})
  void headers(String name, String value, String shown) {
    assertThat(Redaction.headerValue(name, value)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "GET https://u:p@a.example/?sig=1 failed|GET https://<redacted>@a.example/?sig=<redacted> failed",
      "no URL here|no URL here"})
  void text(String text, String shown) {
    assertThat(Redaction.text(text)).isEqualTo(shown);
  }

  @Test
  void displayEscapesControlCharacters() {
    assertThat(Redaction.display("a\r\nb\0c\u0007d\u202ee")).isEqualTo("a\\r\\nb\\0c\\u0007d\\u202ee");
    assertThat(Redaction.display("x".repeat(600))).hasSize(513).endsWith("…");
  }
}
