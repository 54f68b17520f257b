package io.netprobe.exporter.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.exporter.internal.config.CelProgram;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** blackbox's CEL semantics on a JSON body: Go's decoding, the failures it logs, and its result rules. */
class CelChecksTest {
  private static Optional<String> matches(String expression, String body) {
    return CelChecks.check(CelProgram.compile(expression), body, true);
  }

  private static Optional<String> notMatches(String expression, String body) {
    return CelChecks.check(CelProgram.compile(expression), body, false);
  }

  @Test
  void numbersAreDoublesAsGoDecodesThemAndCompareWithIntegers() {
    String body = "{\"count\": 3, \"ratio\": 0.5, \"name\": \"api\", \"none\": null, \"tags\": [\"a\", \"b\"]}";
    assertThat(notMatches("body.count == 3 && body.ratio < 1 && body.none == null", body)).isEmpty();
    assertThat(notMatches("body.tags.exists(t, t == 'b') && body.name.startsWith('a')", body)).isEmpty();
    assertThat(notMatches("body.count > 3", body)).contains("Body did not match CEL expression "
        + "expression=\"body.count > 3\"");
    assertThat(matches("body.count == 3", body)).contains("Body matched CEL expression "
        + "expression=\"body.count == 3\"");
    assertThat(matches("body.count == 4", body)).isEmpty();
  }

  @Test
  void aBodyThatIsNotJsonFailsBothKinds() {
    for (String body : new String[] {"<html>up</html>", "", "{\"a\": 1} trailing", "{'a': 1}", "{\"a\": 1,}"}) {
      assertThat(matches("false", body)).as(body).hasValueSatisfying(m -> assertThat(m)
          .startsWith("Error unmarshalling HTTP body err="));
      assertThat(notMatches("true", body)).as(body).isPresent();
    }
    assertThat(notMatches("body == 'x'", " \"x\"\n")).as("a top-level string, white space around").isEmpty();
    assertThat(notMatches("body[1] == 2", "[1, 2]")).isEmpty();
  }

  @Test
  void aResultThatIsNotABooleanOrAnErrorFails() {
    assertThat(matches("body.count", "{\"count\": 0}")).contains("CEL evaluation result is not a boolean");
    assertThat(notMatches("body.count", "{\"count\": 1}")).contains("CEL evaluation result is not a boolean");
    assertThat(matches("body.missing == 1", "{}")).hasValueSatisfying(m -> assertThat(m)
        .startsWith("Error evaluating CEL expression err=").contains("missing"));
  }

  @Test
  void theExpressionIsQuotedAsGoQuotesIt() {
    assertThat(matches("body.s == \"a\\\\b\"", "{\"s\": \"a\\\\b\"}")).contains("Body matched CEL expression "
        + "expression=\"body.s == \\\"a\\\\\\\\b\\\"\"");
  }

  @Test
  void aRepeatedKeyKeepsItsLastValueAsGo() {
    assertThat(notMatches("body.a == 2", "{\"a\": 1, \"a\": 2}")).isEmpty();
  }
}
