package io.netprobe.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content a request sends ({@code curl -d} / {@code --data-binary @file}).
 *
 * <p>Immutable and thread-safe; {@link #toString()} gives the length and type, never the content (it may hold
 * credentials).
 *
 * @param content the bytes sent, as given
 * @param contentType the {@code Content-Type} sent with them
 */
public record HttpRequestBody(byte[] content, String contentType) {
  /** curl's type for {@code -d}. */
  public static final String FORM = "application/x-www-form-urlencoded";

  public HttpRequestBody {
    content = Objects.requireNonNull(content, "content").clone();
    Objects.requireNonNull(contentType, "contentType");
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRequestBody b && Arrays.equals(b.content, content) && b.contentType.equals(contentType);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content) * 31 + contentType.hashCode();
  }

  @Override
  public String toString() {
    return "HttpRequestBody[" + content.length + " bytes, " + contentType + "]";
  }
}
