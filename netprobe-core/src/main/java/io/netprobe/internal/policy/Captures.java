package io.netprobe.internal.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Go's {@code regexp.Expand} for the {@code ${1}} and {@code ${name}} of a send: a group the match does not have, or
 * one that did not take part, becomes empty, as in blackbox. {@code $$} is a literal {@code $}. Stateless; thread-safe.
 */
final class Captures {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z0-9_]+)\\}");

  private Captures() {}

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  /** The groups of {@code match} by number ({@code "0"} the whole match) and by name; absent groups as "". */
  static java.util.Map<String, String> groups(Matcher match, Pattern pattern) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= match.groupCount(); i++) {
      out.put(Integer.toString(i), match.group(i) == null ? "" : match.group(i));
    }
    Matcher names = NAMED_GROUP.matcher(pattern.pattern());
    while (names.find()) {
      out.put(names.group(1), group(match, names.group(1)));
    }
    return out;
  }

  static String expand(String template, @Nullable Matcher match) {
    Matcher ref = REFERENCE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (ref.find()) {
      String replacement;
      if (ref.group(1) == null) {
        replacement = "$";
      } else {
        replacement = group(match, ref.group(1));
      }
      ref.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    ref.appendTail(out);
    return out.toString();
  }

  private static String group(@Nullable Matcher match, String name) {
    if (match == null) {
      return "";
    }
    try {
      String value = name.chars().allMatch(Character::isDigit) ? match.group(Integer.parseInt(name))
          : match.group(name);
      return value == null ? "" : value;
    } catch (IllegalArgumentException | IndexOutOfBoundsException noSuchGroup) {
      return "";
    }
  }
}
