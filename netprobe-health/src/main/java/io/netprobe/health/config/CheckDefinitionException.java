package io.netprobe.health.config;

import java.util.Optional;
import java.util.OptionalInt;
import javax.annotation.Nullable;

/**
 * A check definition that breaks a rule of the format. The message names, when known, the line of the file, the key,
 * the rule text of {@code expect}, then the problem with the value and what is allowed:
 *
 * <pre>
 * line 14: check.web.expect: rule "status 2x": status must be like 2xx, 200-399 or 204, was "2x"
 * </pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class CheckDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String key;
  private final int line;
  private final @Nullable String rule;
  private final String problem;

  CheckDefinitionException(@Nullable String key, OptionalInt line, @Nullable String rule, String problem,
      @Nullable Throwable cause) {
    super(message(key, line, rule, problem), cause);
    this.key = key;
    this.line = line.orElse(0);
    this.rule = rule;
    this.problem = problem;
  }

  static CheckDefinitionException ofRule(String rule, String problem) {
    return new CheckDefinitionException(null, OptionalInt.empty(), rule, problem, null);
  }

  static CheckDefinitionException ofRule(String rule, IllegalArgumentException cause) {
    return new CheckDefinitionException(null, OptionalInt.empty(), rule, messageOf(cause), cause);
  }

  static CheckDefinitionException ofKey(String key, OptionalInt line, String problem) {
    return new CheckDefinitionException(key, line, null, problem, null);
  }

  /** The same problem located at {@code key} (and its line), keeping a rule text this one names. */
  static CheckDefinitionException at(String key, OptionalInt line, IllegalArgumentException e) {
    if (e instanceof CheckDefinitionException c) {
      return new CheckDefinitionException(c.key().orElse(key), c.line().isPresent() ? c.line() : line,
          c.rule, c.problem, c.getCause());
    }
    return new CheckDefinitionException(key, line, null, messageOf(e), e);
  }

  /** The key whose value is wrong ({@code check.web.expect}), or the check's own prefix ({@code check.web}). */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** The line of the file that holds the key, when the definitions came from a file. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /** The one rule of an {@code expect} list that is wrong, as written. */
  public Optional<String> rule() {
    return Optional.ofNullable(rule);
  }

  /** What is wrong with the value and what is allowed, without the line, key and rule. */
  public String problem() {
    return problem;
  }

  private static String message(@Nullable String key, OptionalInt line, @Nullable String rule, String problem) {
    StringBuilder sb = new StringBuilder();
    line.ifPresent(l -> sb.append("line ").append(l).append(": "));
    if (key != null) {
      sb.append(key).append(": ");
    }
    if (rule != null) {
      sb.append("rule \"").append(rule).append("\": ");
    }
    return sb.append(problem).toString();
  }

  private static String messageOf(IllegalArgumentException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
