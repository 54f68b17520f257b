package io.netprobe.http.internal;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import io.netprobe.core.Redaction;
import io.netprobe.spi.JsonPathEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON paths with Jayway JsonPath (and its default json-smart parser), for HTTP body assertions. Stateless;
 * thread-safe (the configuration is immutable).
 */
public final class JaywayJsonPath implements JsonPathEvaluator {
  private static final Configuration CONFIG = Configuration.defaultConfiguration();

  @Override
  public Optional<String> evaluate(String json, String path) {
    Object document;
    try {
      document = CONFIG.jsonProvider().parse(json);
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    // json-smart's lenient mode reads any text as a string; a document worth a path is an object or an array
    if (!(document instanceof Map<?, ?>) && !(document instanceof List<?>)) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    Object value;
    try {
      value = JsonPath.compile(path).read(document, CONFIG);
    } catch (PathNotFoundException e) {
      return Optional.empty();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid JSON path: " + Redaction.display(path) + " ("
          + Redaction.display(String.valueOf(e.getMessage())) + ")");
    }
    if (value == null) {
      return Optional.of("null");
    }
    if (value instanceof List<?> list && list.isEmpty() && !JsonPath.isPathDefinite(path)) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return Optional.of(CONFIG.jsonProvider().toJson(value));
    }
    return Optional.of(String.valueOf(value));
  }
}
