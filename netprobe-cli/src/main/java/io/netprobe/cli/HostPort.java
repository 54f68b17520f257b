package io.netprobe.cli;

/**
 * {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. Immutable; thread-safe.
 *
 * @param host the host, without brackets
 * @param port the port, or the default
 */
record HostPort(String host, int port) {
  /**
   * @throws IllegalArgumentException when the port is not a number
   */
  static HostPort parse(String text, int defaultPort) {
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in " + text);
      }
      String rest = text.substring(close + 1);
      return new HostPort(text.substring(1, close), rest.startsWith(":") ? port(text, rest.substring(1))
          : defaultPort);
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':')) {
      return new HostPort(text.substring(0, colon), port(text, text.substring(colon + 1)));
    }
    return new HostPort(text, defaultPort);
  }

  private static int port(String text, String port) {
    if (!port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("the port in \"" + text + "\" is not a number");
    }
    return Integer.parseInt(port);
  }
}
