package io.netprobe.exporter.internal.probe;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.NullValue;
import io.netprobe.exporter.internal.config.CelProgram;
import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpProbeRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * blackbox's {@code fail_if_body_json_matches_cel} / {@code fail_if_body_json_not_matches_cel} as library body
 * checks: the body parsed as JSON the way Go's {@code json.Unmarshal} into {@code any} does (numbers as doubles),
 * bound to {@code body}; a body that is not JSON, an evaluation error or a result that is not a boolean fails, as
 * in blackbox. A failed check's reason is blackbox's log message. Stateless and thread-safe.
 */
final class CelChecks {
  static final String GAUGE = "probe_failed_due_to_cel";
  static final String HELP = "Indicates if probe failed due to CEL expression not matching";

  private CelChecks() {}

  /** {@code r} with the module's CEL checks, matches first, as blackbox evaluates them. */
  static HttpProbeRequest apply(HttpProbeRequest r, HttpOptions h) {
    HttpProbeRequest out = r;
    if (h.failIfBodyJsonMatchesCel().isPresent()) {
      CelProgram p = h.failIfBodyJsonMatchesCel().get();
      out = out.assertion(new HttpAssertion.BodyCheck("fail_if_body_json_matches_cel "
          + quote(p.expression()), body -> check(p, body, true)));
    }
    if (h.failIfBodyJsonNotMatchesCel().isPresent()) {
      CelProgram p = h.failIfBodyJsonNotMatchesCel().get();
      out = out.assertion(new HttpAssertion.BodyCheck("fail_if_body_json_not_matches_cel "
          + quote(p.expression()), body -> check(p, body, false)));
    }
    return out;
  }

  /** Empty when {@code body} passes; else why not, worded as blackbox logs it. */
  static Optional<String> check(CelProgram p, String body, boolean failIfTrue) {
    Object json;
    try {
      json = parse(body);
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return Optional.of("Error unmarshalling HTTP body err=\"" + e.getMessage() + "\"");
    }
    Object value;
    try {
      value = p.evaluate(json);
    } catch (IllegalStateException e) {
      return Optional.of("Error evaluating CEL expression err=\"" + e.getMessage() + "\"");
    }
    if (!(value instanceof Boolean b)) {
      return Optional.of("CEL evaluation result is not a boolean");
    }
    if (b == failIfTrue) {
      return Optional.of((failIfTrue ? "Body matched CEL expression" : "Body did not match CEL expression")
          + " expression=" + quote(p.expression()));
    }
    return Optional.empty();
  }

  /** {@code s} in double quotes with quotes, backslashes and control characters escaped, as Go's {@code %q}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** One JSON document (surrounding white space allowed, nothing else) as CEL values. */
  static Object parse(String text) throws IOException {
    JsonReader r = new JsonReader(new StringReader(text));
    r.setStrictness(Strictness.STRICT);
    Object v = value(r);
    if (r.peek() != JsonToken.END_DOCUMENT) {
      throw new IOException("invalid character after top-level value");
    }
    return v;
  }

  private static Object value(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          m.put(name, value(r)); // as Go: a repeated key keeps its last value
        }
        r.endObject();
        return m;
      }
      case BEGIN_ARRAY -> {
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          l.add(value(r));
        }
        r.endArray();
        return l;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        return r.nextDouble();
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        r.nextNull();
        return NullValue.NULL_VALUE;
      }
      default -> throw new IOException("unexpected end of JSON input");
    }
  }
}
