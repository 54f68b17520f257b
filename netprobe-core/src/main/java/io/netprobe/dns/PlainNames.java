package io.netprobe.dns;

import io.netprobe.internal.net.HostParser;
import javax.annotation.Nullable;

/** The short way for the names most lookups ask, and the label rules of the long way. Stateless; thread-safe. */
final class PlainNames {
  private PlainNames() {}

  /**
   * The usual name — ASCII letters, digits, '-' and '_' in labels of 1 to 63, at most 253 in all, an optional
   * trailing dot — in the form {@link HostParser#parseDnsName} gives it (lower case, no trailing dot), without its
   * IDN conversion and splits, which cost more than the rest of a lookup's request; null for any other name, which
   * goes the long way (and gets its error message there).
   */
  static @Nullable String parse(String name) {
    int n = name.length();
    int end = n > 1 && name.charAt(n - 1) == '.' ? n - 1 : n;
    if (end == 0 || end > HostParser.MAX_NAME_LENGTH) {
      return null;
    }
    int labelStart = 0;
    boolean upper = false;
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (c == '.') {
        int length = i - labelStart;
        if (length == 0 || length > HostParser.MAX_LABEL_LENGTH) {
          return null;
        }
        labelStart = i + 1;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return null;
      }
    }
    int last = end - labelStart;
    if (last == 0 || last > HostParser.MAX_LABEL_LENGTH) {
      return null;
    }
    String ascii = end == n ? name : name.substring(0, end);
    return upper ? ascii.toLowerCase(java.util.Locale.ROOT) : ascii;
  }

  /** The JDK's IDN conversion rejects empty and long labels with vague messages; name the rule instead. */
  static void checkLabels(String name) {
    if (name.isEmpty() || name.equals(".")) {
      return;
    }
    int end = name.endsWith(".") ? name.length() - 1 : name.length();
    int start = 0;
    while (start <= end) {
      int dot = name.indexOf('.', start);
      int stop = dot < 0 || dot > end ? end : dot;
      int length = stop - start;
      if (length == 0) {
        throw new IllegalArgumentException("Invalid DNS name \"" + name
            + "\": has an empty label (two dots in a row, or a leading dot)");
      }
      if (length > HostParser.MAX_LABEL_LENGTH && name.substring(start, stop).chars().allMatch(c -> c < 0x80)) {
        throw new IllegalArgumentException("Invalid DNS name \"" + name + "\": has a label of " + length
            + " characters; labels may have at most " + HostParser.MAX_LABEL_LENGTH);
      }
      start = stop + 1;
    }
  }
}
