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
 * @param ca CA certificates written inline (PEM)
 * @param cert a client certificate written inline (PEM)
 * @param key a client key written inline (PEM); a secret
 */
public record TlsConfig(boolean insecureSkipVerify, Optional<String> caFile, Optional<String> certFile,
    Optional<String> keyFile, Optional<String> serverName, Optional<String> minVersion, Optional<String> maxVersion,
    Optional<String> ca, Optional<String> cert, Optional<String> key) {
  static final Set<String> KEYS = Set.of("insecure_skip_verify", "ca_file", "cert_file", "key_file", "server_name",
      "min_version", "max_version", "ca", "cert", "key");
  private static final Set<String> VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

  public static final TlsConfig DEFAULT = new TlsConfig(false, Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

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
    // common's TLSConfig.Validate
    for (String k : new String[] {"ca", "cert", "key"}) {
      if (b.has(k) && b.has(k + "_file")) {
        throw b.error(k, "at most one of " + k + " and " + k + "_file must be configured");
      }
    }
    boolean hasCert = b.has("cert") || b.has("cert_file");
    boolean hasKey = b.has("key") || b.has("key_file");
    if (hasCert && !hasKey) {
      throw b.error(b.has("cert") ? "cert" : "cert_file", "exactly one of key or key_file must be configured when "
          + "a client certificate is configured");
    }
    if (hasKey && !hasCert) {
      throw b.error(b.has("key") ? "key" : "key_file", "exactly one of cert or cert_file must be configured when "
          + "a client key is configured");
    }
    Optional<String> serverName = b.string("server_name");
    if (serverName.isPresent() && !serverName.get().isEmpty() && (serverName.get().matches("[0-9.]+")
        || serverName.get().contains(":"))) {
      throw b.error("server_name", "netprobe sends a host name as the TLS server name, not an address: "
          + YamlBlock.quote(serverName.get()));
    }
    return new TlsConfig(b.bool("insecure_skip_verify", false), b.string("ca_file"), b.string("cert_file"),
        b.string("key_file"), serverName.filter(n -> !n.isEmpty()), min, max, b.string("ca"), b.string("cert"),
        b.string("key"));
  }

  /** Whether a client certificate is configured, as files or inline. */
  public boolean clientCertificate() {
    return certFile.isPresent() || cert.isPresent();
  }

  @Override
  public String toString() {
    return "TlsConfig[insecureSkipVerify=" + insecureSkipVerify + ", caFile=" + caFile + ", certFile=" + certFile
        + ", keyFile=" + keyFile + ", serverName=" + serverName + ", minVersion=" + minVersion + ", maxVersion="
        + maxVersion + ", ca=" + ca.isPresent() + ", cert=" + cert.isPresent() + ", key=" + key.map(k -> "<secret>")
        .orElse("none") + "]";
  }
}
