package io.netprobe.http;

/** The HTTP version of a response. Immutable enum; thread-safe. */
public enum HttpVersion {
  HTTP_1_0("HTTP/1.0"),
  HTTP_1_1("HTTP/1.1"),
  HTTP_2("HTTP/2"),
  HTTP_3("HTTP/3");

  private final String text;

  HttpVersion(String text) {
    this.text = text;
  }

  /** As curl prints it at the start of the status line: {@code HTTP/1.1}, {@code HTTP/2}. */
  public String text() {
    return text;
  }
}
