package io.netprobe.exporter.internal.web;

import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ConfigException;
import io.netprobe.exporter.internal.config.YamlBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.snakeyaml.engine.v2.nodes.Node;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * exporter-toolkit's {@code --web.config.file}: TLS for the exporter's own endpoints ({@code tls_server_config}),
 * response headers ({@code http_server_config.headers}) and {@code basic_auth_users} with bcrypt hashes. Options the
 * server does not honour yet (client certificates, cipher and curve choices) are refused at start with their key
 * named. Immutable and thread-safe.
 *
 * @param certFile the server certificate chain (PEM)
 * @param keyFile its private key (PEM, PKCS#8)
 * @param minVersion the lowest TLS version, {@code TLS12} by default
 * @param maxVersion the highest, {@code TLS13} by default
 * @param headers headers added to every response
 * @param users user name → bcrypt hash
 */
public record WebConfig(Optional<Path> certFile, Optional<Path> keyFile, String minVersion, String maxVersion,
    Map<String, String> headers, Map<String, String> users) {
  public static final WebConfig NONE = new WebConfig(Optional.empty(), Optional.empty(), "TLS12", "TLS13", Map.of(),
      Map.of());
  private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();

  public boolean tls() {
    return certFile.isPresent();
  }

  public static WebConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("error reading web config file: " + file + ": " + e.getMessage(), e);
    }
    Optional<Node> root = BlackboxConfig.compose(file.toString(), text);
    if (root.isEmpty()) {
      return NONE;
    }
    YamlBlock top = YamlBlock.of(file.toString(), "", root.get(), Set.of("tls_server_config", "http_server_config",
        "basic_auth_users", "rate_limit"));
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    String min = "TLS12";
    String max = "TLS13";
    Optional<YamlBlock> tls = top.block("tls_server_config", Set.of("cert_file", "key_file", "client_auth_type",
        "client_ca_file", "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites",
        "curve_preferences", "client_allowed_sans", "cert", "key", "client_ca"));
    if (tls.isPresent()) {
      YamlBlock t = tls.get();
      if (!t.has("cert_file") || !t.has("key_file")) {
        throw t.error(t.has("cert_file") ? "key_file" : "cert_file", "cert_file and key_file are both required");
      }
      for (String unsupported : new String[] {"client_ca_file", "cipher_suites", "curve_preferences",
          "client_allowed_sans", "cert", "key", "client_ca"}) {
        if (t.has(unsupported)) {
          throw t.error(unsupported, "not supported by netprobe-exporter's server yet");
        }
      }
      if (!t.string("client_auth_type", "NoClientCert").equals("NoClientCert")) {
        throw t.error("client_auth_type", "only NoClientCert is supported by netprobe-exporter's server yet");
      }
      Path base = file.toAbsolutePath().getParent();
      cert = Optional.of(base.resolve(t.string("cert_file", "")));
      key = Optional.of(base.resolve(t.string("key_file", "")));
      min = t.oneOf("min_version", t.string("min_version", "TLS12"), Set.of("TLS10", "TLS11", "TLS12", "TLS13"));
      max = t.oneOf("max_version", t.string("max_version", "TLS13"), Set.of("TLS10", "TLS11", "TLS12", "TLS13"));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Optional<YamlBlock> http = top.block("http_server_config", Set.of("http2", "headers"));
    if (http.isPresent()) {
      headers.putAll(http.get().stringMap("headers"));
    }
    Map<String, String> users = new LinkedHashMap<>();
    Optional<YamlBlock> auth = top.block("basic_auth_users", null);
    if (auth.isPresent()) {
      for (String user : auth.get().keys()) {
        String hash = auth.get().string(user, "");
        if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
          throw auth.get().error(user, "not a bcrypt hash (write one with htpasswd -nBC 10 \"\" | tr -d ':\\n')");
        }
        users.put(user, hash);
      }
    }
    return new WebConfig(cert, key, min, max, Map.copyOf(headers), Map.copyOf(users));
  }

  /** Whether {@code user} and {@code password} match; successful checks are remembered by digest (bcrypt is slow). */
  public boolean authenticate(String user, String password) {
    String hash = users.get(user);
    if (hash == null) {
      // spend the same time as for a known user, as exporter-toolkit does
      try {
        BCrypt.checkpw(password, "$2b$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi");
      } catch (IllegalArgumentException e) {
        // the dummy hash only spends time
      }
      return false;
    }
    String memo = digest(user + "\u0000" + password + "\u0000" + hash);
    Boolean known = CHECKED.get(memo);
    if (known != null) {
      return known;
    }
    boolean ok = BCrypt.checkpw(password, hash.replaceFirst("^\\$2y\\$", "\\$2b\\$"));
    if (CHECKED.size() < 10_000) {
      CHECKED.put(memo, ok);
    }
    return ok;
  }

  /**
   * The answer {@link #authenticate} would give when it needs no bcrypt (the pair was checked before); empty when
   * it would.
   */
  public Optional<Boolean> remembered(String user, String password) {
    String hash = users.get(user);
    return hash == null ? Optional.empty()
        : Optional.ofNullable(CHECKED.get(digest(user + "\u0000" + password + "\u0000" + hash)));
  }

  private static String digest(String s) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "WebConfig[tls=" + tls() + ", users=" + users.keySet() + "]";
  }
}
