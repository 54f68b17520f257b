package io.netprobe.http;

import io.netprobe.core.Secret;
import java.util.Objects;

/**
 * Credentials sent in the {@code Authorization} header: {@link Basic} ({@code curl -u user:password}) or
 * {@link Bearer} ({@code curl --oauth2-bearer TOKEN}). Passwords and tokens are {@link Secret}s: never printed.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HttpAuth permits HttpAuth.Basic, HttpAuth.Bearer {

  /** The value of the {@code Authorization} header; secret, for the backend only. */
  String headerValue();

  /**
   * HTTP Basic authentication.
   *
   * @param user the user name (shown)
   * @param password the password (never shown)
   */
  record Basic(String user, Secret password) implements HttpAuth {
    /** @throws IllegalArgumentException when {@code user} contains a colon or a control character */
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("a Basic user name must not contain ':' or control characters");
      }
    }

    @Override
    public String headerValue() {
      return "Basic " + java.util.Base64.getEncoder().encodeToString(
          (user + ":" + password.reveal()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * A bearer token (RFC 6750).
   *
   * @param token the token (never shown)
   */
  record Bearer(Secret token) implements HttpAuth {
    /** @throws IllegalArgumentException when the token is empty or has characters outside printable ASCII */
    public Bearer {
      Objects.requireNonNull(token, "token");
      String t = token.reveal();
      if (t.isEmpty() || t.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
        throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
      }
    }

    @Override
    public String headerValue() {
      return "Bearer " + token.reveal();
    }
  }
}
