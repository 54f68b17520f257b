package io.netprobe.cli;

import io.netprobe.dns.DnsRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * dig's encrypted-transport options: {@code +tls}, {@code +https[=PATH]}, {@code +https-get[=PATH]},
 * {@code +tls-ca[=FILE]}, {@code +tls-hostname=NAME}, with dig's meaning: {@code +tls} alone does not check the
 * certificate (opportunistic); {@code +tls-ca} (the system's CAs without a file) or {@code +tls-hostname} turns the
 * check on and implies {@code +tls} unless {@code +https} is given; the ports default to 853 and 443 unless
 * {@code -p} names another. Immutable; thread-safe.
 *
 * @param tls {@code +tls} (or implied by a certificate option)
 * @param httpsPath the path of {@code +https} or {@code +https-get}; null without them
 * @param httpsGet whether GET was asked for
 * @param verify whether the certificate is checked ({@code +tls-ca} or {@code +tls-hostname} given)
 * @param caFile the {@code +tls-ca} file, when one was given
 * @param hostname the {@code +tls-hostname}, when given
 */
record DigTransport(boolean tls, @Nullable String httpsPath, boolean httpsGet, boolean verify,
    @Nullable String caFile, @Nullable String hostname) {
  static final DigTransport PLAIN = new DigTransport(false, null, false, false, null, null);
  static final String KNOWN = "+tls, +https[=PATH], +https-get[=PATH], +tls-ca[=FILE], +tls-hostname=NAME";
  private static final String DEFAULT_PATH = "/dns-query";

  /** This transport with {@code option} applied; null when it is not one of these options. */
  @Nullable DigTransport with(String option) {
    String lower = option.toLowerCase(Locale.ROOT);
    int eq = option.indexOf('=');
    String key = eq < 0 ? lower : lower.substring(0, eq);
    String value = eq < 0 ? null : option.substring(eq + 1);
    switch (key) {
      case "+tls":
        return new DigTransport(true, httpsPath, httpsGet, verify, caFile, hostname);
      case "+notls":
        return new DigTransport(false, httpsPath, httpsGet, verify, caFile, hostname);
      case "+https", "+https-get", "+https-post":
        String path = value == null || value.isEmpty() ? DEFAULT_PATH : value;
        if (!path.startsWith("/")) {
          throw new IllegalArgumentException(key + "=PATH needs a path starting with /, was \"" + path + "\"");
        }
        return new DigTransport(tls, path, key.equals("+https-get"), verify, caFile, hostname);
      case "+tls-ca":
        return new DigTransport(tls, httpsPath, httpsGet, true, value == null || value.isEmpty() ? null : value,
            hostname);
      case "+tls-hostname":
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException("+tls-hostname needs a name: +tls-hostname=NAME");
        }
        return new DigTransport(tls, httpsPath, httpsGet, true, caFile, value);
      default:
        return null;
    }
  }

  boolean encrypted() {
    return tls || httpsPath != null || verify;
  }

  /**
   * {@code request} over this transport.
   *
   * @param servers the {@code @server}s, for a DNS over HTTPS path other than /dns-query
   * @param port the {@code -p} port (53 when not given: the request then uses 853 or 443)
   */
  DnsRequest apply(DnsRequest request, List<String> servers, int port) {
    if (!encrypted()) {
      return request;
    }
    DnsRequest r;
    if (httpsPath != null) {
      if (httpsPath.equals(DEFAULT_PATH)) {
        r = request.overHttps();
      } else if (servers.size() == 1) {
        String host = servers.get(0).indexOf(':') >= 0 ? "[" + servers.get(0) + "]" : servers.get(0);
        r = request.overHttps(URI.create("https://" + host + ":" + (port == 53 ? 443 : port) + httpsPath));
      } else {
        throw new IllegalArgumentException("+https=PATH needs exactly one @server to build the URL from");
      }
      if (httpsGet) {
        r = r.httpsGet();
      }
    } else {
      r = request.overTls();
    }
    if (caFile != null) {
      r = r.tlsCaFile(Path.of(caFile));
    }
    if (hostname != null) {
      r = r.tlsServerName(hostname);
    }
    return r.tlsVerify(verify);
  }
}
