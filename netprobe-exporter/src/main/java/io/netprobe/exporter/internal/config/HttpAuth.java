package io.netprobe.exporter.internal.config;

import java.util.Optional;
import java.util.Set;

/**
 * The credentials of prometheus/common's HTTP client configuration: {@code basic_auth}, {@code authorization} (and
 * the deprecated {@code bearer_token}, {@code bearer_token_file}), {@code oauth2}. Immutable and thread-safe; its
 * {@code toString} never shows a secret.
 *
 * @param username basic auth user
 * @param usernameFile file holding the user
 * @param password basic auth password
 * @param passwordFile file holding the password
 * @param authorizationType the scheme of the Authorization header ({@code Bearer} by default)
 * @param credentials the Authorization credentials
 * @param credentialsFile file holding them
 * @param oauth2 the OAuth 2 client-credentials flow, when configured
 */
public record HttpAuth(Optional<String> username, Optional<String> usernameFile, Optional<String> password,
    Optional<String> passwordFile, Optional<String> authorizationType, Optional<String> credentials,
    Optional<String> credentialsFile, Optional<OAuth2Config> oauth2) {
  static final Set<String> BASIC_KEYS = Set.of("username", "username_file", "password", "password_file");
  static final Set<String> AUTHORIZATION_KEYS = Set.of("type", "credentials", "credentials_file");
  static final Set<String> OAUTH2_KEYS = Set.of("client_id", "client_secret", "client_secret_file", "scopes",
      "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment",
      "proxy_connect_header");

  public boolean basic() {
    return username.isPresent() || usernameFile.isPresent() || password.isPresent() || passwordFile.isPresent();
  }

  public boolean authorization() {
    return authorizationType.isPresent() || credentials.isPresent() || credentialsFile.isPresent();
  }

  static HttpAuth parse(YamlBlock http) throws ConfigException {
    Optional<YamlBlock> basic = http.block("basic_auth", BASIC_KEYS);
    Optional<YamlBlock> authz = http.block("authorization", AUTHORIZATION_KEYS);
    Optional<YamlBlock> oauth2 = http.block("oauth2", OAUTH2_KEYS);
    if (http.has("bearer_token") && http.has("bearer_token_file")) {
      throw http.error("bearer_token", "at most one of bearer_token & bearer_token_file must be configured");
    }
    int schemes = (basic.isPresent() ? 1 : 0) + (authz.isPresent() ? 1 : 0) + (oauth2.isPresent() ? 1 : 0)
        + (http.has("bearer_token") || http.has("bearer_token_file") ? 1 : 0);
    if (schemes > 1) {
      throw http.error("basic_auth", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file, "
          + "authorization must be configured");
    }
    Optional<String> user = Optional.empty();
    Optional<String> userFile = Optional.empty();
    Optional<String> pass = Optional.empty();
    Optional<String> passFile = Optional.empty();
    if (basic.isPresent()) {
      YamlBlock b = basic.get();
      if (b.has("password") && b.has("password_file")) {
        throw b.error("password", "at most one of basic_auth password & password_file must be configured");
      }
      user = b.string("username");
      userFile = b.string("username_file");
      pass = b.string("password");
      passFile = b.string("password_file");
    }
    Optional<String> type = Optional.empty();
    Optional<String> cred = Optional.empty();
    Optional<String> credFile = Optional.empty();
    if (authz.isPresent()) {
      YamlBlock a = authz.get();
      if (a.has("credentials") && a.has("credentials_file")) {
        throw a.error("credentials", "at most one of authorization credentials & credentials_file must be "
            + "configured");
      }
      type = Optional.of(a.string("type", "Bearer"));
      if (type.get().equalsIgnoreCase("basic")) {
        throw a.error("type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
      }
      cred = a.string("credentials");
      credFile = a.string("credentials_file");
    } else if (http.has("bearer_token") || http.has("bearer_token_file")) {
      type = Optional.of("Bearer");
      cred = http.string("bearer_token");
      credFile = http.string("bearer_token_file");
    }
    Optional<OAuth2Config> o2 = Optional.empty();
    if (oauth2.isPresent()) {
      o2 = Optional.of(OAuth2Config.parse(oauth2.get()));
    }
    return new HttpAuth(user, userFile, pass, passFile, type, cred, credFile, o2);
  }

  @Override
  public String toString() {
    return "HttpAuth[basic=" + basic() + ", authorization=" + authorizationType.orElse("none") + ", oauth2=" + oauth2.isPresent()
        + "]";
  }
}
