package io.netprobe.health.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The keys of one check ({@code probe}, {@code target}, …) and how to name them in errors: the full key
 * ({@code check.web.target}) and its line. Blank and null values count as absent. Immutable; thread-safe.
 */
final class CheckKeys {
  /** The keys every check takes, whatever its probe type. */
  static final Set<String> COMMON = Set.of("probe", "target", "expect", "interval", "timeout");

  private final String prefix;
  private final String name;
  private final Map<String, String> keys;
  private final Function<String, OptionalInt> lineOfFullKey;

  CheckKeys(String prefix, String name, Map<String, String> keys, Function<String, OptionalInt> lineOfFullKey) {
    this.prefix = prefix;
    this.name = name;
    keys.keySet().forEach(k -> Objects.requireNonNull(k, "a key of check " + name));
    // a binder may hand over null for a key written without a value: absent, like a blank value
    this.keys = Collections.unmodifiableMap(new HashMap<>(keys));
    this.lineOfFullKey = lineOfFullKey;
  }

  String name() {
    return name;
  }

  /** The check's own prefix, {@code check.web}: the key named by errors about the check as a whole. */
  String self() {
    return prefix + "." + name;
  }

  boolean has(String key) {
    return get(key).isPresent();
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(keys.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The value of a key that must be there. */
  String require(String key, String whatItHolds) {
    return get(key).orElseThrow(() -> error(self(), "\"" + key + "\" is missing; it holds " + whatItHolds));
  }

  /** {@code parse} applied to the value of {@code key}, its {@code IllegalArgumentException} located at the key. */
  <T> T value(String key, Function<String, T> parse) {
    String v = get(key).orElseThrow(() -> new IllegalStateException("no value for " + key));
    try {
      return parse.apply(v);
    } catch (IllegalArgumentException e) {
      throw CheckDefinitionException.at(full(key), line(key), e);
    }
  }

  /** {@code request} with the option of {@code key} applied, when that key has a value. */
  <Q> Q option(String key, Q request, BiFunction<Q, String, Q> apply) {
    return has(key) ? value(key, v -> apply.apply(request, v)) : request;
  }

  /** A {@code true}/{@code false} key, false when absent. */
  boolean flag(String key) {
    return has(key) && value(key, v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false, was \"" + v + "\"");
    });
  }

  /** Rejects keys that are neither common nor options of {@code type}. */
  void allowOnly(ProbeType<?> type) {
    Set<String> allowed = new TreeSet<>(COMMON);
    allowed.addAll(type.options());
    if (!type.takesTarget()) {
      allowed.remove("target");
    }
    for (String key : new TreeSet<>(keys.keySet())) {
      if (key.equals("target") && !type.takesTarget()) {
        throw error(full(key), type + " checks take no target: they list this machine's listening sockets");
      }
      if (!allowed.contains(key)) {
        throw error(full(key), "unknown key \"" + key + "\"; " + type + " checks take " + allowed);
      }
    }
  }

  CheckDefinitionException error(String fullKey, String problem) {
    return CheckDefinitionException.ofKey(fullKey, lineOf(fullKey), problem);
  }

  /** {@code e} located at the check as a whole. */
  CheckDefinitionException atSelf(IllegalArgumentException e) {
    return CheckDefinitionException.at(self(), lineOf(self()), e);
  }

  private String full(String key) {
    return self() + "." + key;
  }

  private OptionalInt line(String key) {
    return lineOfFullKey.apply(full(key));
  }

  /** The line of a key, or for the check itself, the first line among its keys. */
  private OptionalInt lineOf(String fullKey) {
    if (!fullKey.equals(self())) {
      return lineOfFullKey.apply(fullKey);
    }
    return keys.keySet().stream().map(this::line).filter(OptionalInt::isPresent).mapToInt(OptionalInt::getAsInt)
        .min();
  }
}
