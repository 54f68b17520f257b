package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of a {@code tls_config} for the library, which reads certificates and keys from files: {@code ca_file},
 * {@code cert_file} and {@code key_file} as written, inline {@code ca}, {@code cert} and {@code key} written once
 * per distinct content to owner-only files in a private directory (deleted when the JVM exits). Thread-safe.
 */
final class TlsFiles {
  private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();
  private static volatile Path dir;

  private TlsFiles() {}

  static Optional<Path> ca(TlsConfig t) {
    return t.caFile().map(Path::of).or(() -> t.ca().map(TlsFiles::inline));
  }

  static Optional<Path> cert(TlsConfig t) {
    return t.certFile().map(Path::of).or(() -> t.cert().map(TlsFiles::inline));
  }

  static Optional<Path> key(TlsConfig t) {
    return t.keyFile().map(Path::of).or(() -> t.key().map(TlsFiles::inline));
  }

  private static Path inline(String pem) {
    return WRITTEN.computeIfAbsent(sha256(pem), name -> {
      try {
        Path file = directory().resolve(name + ".pem");
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))), pem, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write an inline tls_config PEM for the TLS library", e);
      }
    });
  }

  private static synchronized Path directory() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("netprobe-exporter-tls", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
