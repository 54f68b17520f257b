package io.netprobe.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses port lists like {@code 20-25,80,443}. Stateless; thread-safe. */
final class PortList {
  /** The most ports one sweep may try. */
  static final int MAX_PORTS = 65535;

  private PortList() {}

  /**
   * The ports in order of first mention, without duplicates.
   *
   * @throws IllegalArgumentException for anything but numbers 1–65535, ranges {@code a-b} with a ≤ b, and commas
   */
  static List<Integer> parse(String text) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      if (!p.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
        throw new IllegalArgumentException("ports must look like 443, 20-25 or 20-25,80,443; \"" + p
            + "\" does not");
      }
      int dash = p.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
      if (from < 1 || to > 65535 || from > to) {
        throw new IllegalArgumentException("ports must be between 1 and 65535 with ranges low-high, was " + p);
      }
      for (int port = from; port <= to; port++) {
        out.add(port);
      }
    }
    return List.copyOf(out);
  }
}
