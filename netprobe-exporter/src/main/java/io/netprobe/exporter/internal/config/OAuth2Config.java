package io.netprobe.exporter.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * prometheus/common's {@code oauth2}: the client-credentials grant (RFC 6749 §4.4) whose access token is sent as a
 * bearer token. Immutable and thread-safe; {@code toString} never shows the secret.
 *
 * @param clientId the client id
 * @param clientSecret the client secret, when written in the file
 * @param clientSecretFile the file holding it (read when a token is fetched)
 * @param scopes the scopes asked for
 * @param tokenUrl the token endpoint
 * @param endpointParams more form parameters for the token request
 * @param tls the TLS configuration for the token endpoint
 * @param proxy the proxy for the token endpoint
 */
public record OAuth2Config(String clientId, Optional<String> clientSecret, Optional<String> clientSecretFile,
    List<String> scopes, String tokenUrl, Map<String, String> endpointParams, TlsConfig tls, ProxySettings proxy) {

  public OAuth2Config {
    scopes = List.copyOf(scopes);
    endpointParams = Map.copyOf(endpointParams);
  }

  static OAuth2Config parse(YamlBlock o) throws ConfigException {
    if (!o.has("client_id") || !o.has("token_url")) {
      throw o.error(o.has("client_id") ? "token_url" : "client_id", "oauth2 needs client_id and token_url");
    }
    if (o.has("client_secret") && o.has("client_secret_file")) {
      throw o.error("client_secret", "at most one of oauth2 client_secret & client_secret_file must be configured");
    }
    String url = o.string("token_url", "");
    if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
      throw o.error("token_url", "must be an http(s) URL, was " + YamlBlock.quote(url));
    }
    return new OAuth2Config(o.string("client_id", ""), o.string("client_secret"), o.string("client_secret_file"),
        o.strings("scopes"), url, o.stringMap("endpoint_params"), TlsConfig.parse(o, "tls_config"),
        ProxySettings.parse(o));
  }

  @Override
  public String toString() {
    return "OAuth2Config[clientId=" + clientId + ", tokenUrl=" + tokenUrl + ", scopes=" + scopes + "]";
  }
}
