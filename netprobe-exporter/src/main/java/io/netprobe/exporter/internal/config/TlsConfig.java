package io.netprobe.exporter.internal.config;

import java.util.Optional;
import java.util.Set;

/**
 * prometheus/common's {@code tls_config}. Immutable and thread-safe.
 *
 * @param insecureSkipVerify skip certificate verification
 * @param caFile CA bundle file
 * @param certFile client certificate file
 * @param keyFile client key file
 * @param serverName SNI and the name verified
 * @param minVersion {@code TLS10}..{@code TLS13}
 * @param maxVersion {@code TLS10}..{@code TLS13}
 * @param inline whether a certificate, key or CA was given inline ({@code ca}, {@code cert}, {@code key})
 */
public record TlsConfig(boolean insecureSkipVerify, Optional<String> caFile, Optional<String> certFile,
    Optional<String> keyFile, Optional<String> serverName, Optional<String> minVersion, Optional<String> maxVersion,
    boolean inline) {
  static final Set<String> KEYS = Set.of("insecure_skip_verify", "ca_file", "cert_file", "key_file", "server_name",
      "min_version", "max_version", "ca", "cert", "key");
  private static final Set<String> VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

  public static final TlsConfig DEFAULT = new TlsConfig(false, Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), false);

  static TlsConfig parse(YamlBlock parent, String key) throws ConfigException {
    Optional<YamlBlock> o = parent.block(key, KEYS);
    if (o.isEmpty()) {
      return DEFAULT;
    }
    YamlBlock b = o.get();
    Optional<String> min = b.string("min_version");
    Optional<String> max = b.string("max_version");
    for (String k : new String[] {"min_version", "max_version"}) {
      Optional<String> v = b.string(k);
      if (v.isPresent() && !VERSIONS.contains(v.get())) {
        throw b.error(k, "unknown TLS version: " + v.get() + " (TLS10, TLS11, TLS12 or TLS13)");
      }
    }
    if (b.has("cert_file") != b.has("key_file") && !b.has("cert") && !b.has("key")) {
      throw b.error(b.has("cert_file") ? "cert_file" : "key_file", "cert_file and key_file go together");
    }
    return new TlsConfig(b.bool("insecure_skip_verify", false), b.string("ca_file"), b.string("cert_file"),
        b.string("key_file"), b.string("server_name"), min, max, b.has("ca") || b.has("cert") || b.has("key"));
  }
}
