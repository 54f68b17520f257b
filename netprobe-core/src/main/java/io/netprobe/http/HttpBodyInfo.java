package io.netprobe.http;

import java.util.Objects;
import java.util.Optional;

/**
 * What was read of the final response's body.
 *
 * <p>Immutable and thread-safe.
 *
 * @param wireBytes bytes received as sent (still compressed when a {@code Content-Encoding} applied), up to the limit
 * @param decodedBytes bytes after decoding ({@code probe_http_uncompressed_body_length}), up to the limit
 * @param contentEncoding the {@code Content-Encoding} decoded ({@code gzip}, {@code deflate}), when any
 * @param truncated whether reading stopped at the limit before the body ended
 */
public record HttpBodyInfo(long wireBytes, long decodedBytes, Optional<String> contentEncoding, boolean truncated) {
  public HttpBodyInfo {
    Objects.requireNonNull(contentEncoding, "contentEncoding");
  }
}
