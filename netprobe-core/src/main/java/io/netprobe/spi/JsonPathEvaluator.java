package io.netprobe.spi;

import java.util.Optional;

/**
 * Evaluates a JSON path on a JSON document, for {@link io.netprobe.http.HttpAssertion.JsonPathMatches}. netprobe-http
 * provides one (Jayway JsonPath), found with {@link java.util.ServiceLoader}; core has no JSON library of its own.
 *
 * <p>Implementations are thread-safe.
 */
public interface JsonPathEvaluator {

  /**
   * The value at {@code path} in {@code json}, as text (strings without quotes, numbers and booleans as written,
   * objects and arrays as JSON); empty when the path selects nothing.
   *
   * @throws IllegalArgumentException when {@code json} is not JSON or {@code path} is not a valid path; the message
   *     says which, without echoing the document
   */
  Optional<String> evaluate(String json, String path);
}
