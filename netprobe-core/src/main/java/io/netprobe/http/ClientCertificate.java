package io.netprobe.http;

import io.netprobe.core.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A client certificate for mutual TLS ({@code curl --cert FILE --key FILE --pass PASSWORD}): PEM files, the key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a password).
 *
 * <p>Immutable and thread-safe; the password is never shown.
 *
 * @param certificate the PEM file with the certificate (and any intermediates after it)
 * @param key the PEM file with the private key; may be the certificate file itself
 * @param keyPassword the key's password, when it is encrypted
 */
public record ClientCertificate(Path certificate, Path key, Optional<Secret> keyPassword) {
  public ClientCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyPassword, "keyPassword");
  }
}
