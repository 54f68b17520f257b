package io.netprobe.http;

import java.util.Objects;

/**
 * A clue about the software behind the edge, e.g. Django from a {@code csrftoken} cookie.
 *
 * <p>Immutable and thread-safe.
 *
 * @param technology what it points to ({@code "Django"}, {@code "nginx"}, {@code "PHP"})
 * @param evidence what gave it away ({@code "set-cookie: csrftoken"})
 */
public record OriginHint(String technology, String evidence) {
  public OriginHint {
    Objects.requireNonNull(technology, "technology");
    Objects.requireNonNull(evidence, "evidence");
  }
}
