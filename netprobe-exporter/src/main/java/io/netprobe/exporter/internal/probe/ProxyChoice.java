package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.ProxySettings;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy, if any, a request goes through, with Go's rules (net/http's {@code ProxyURL}, and
 * golang.org/x/net/http/httpproxy for {@code no_proxy} and {@code proxy_from_environment}): {@code proxy_url} alone
 * proxies everything; with {@code no_proxy} or from the environment ({@code HTTP_PROXY}/{@code HTTPS_PROXY} by the
 * URL's scheme, {@code NO_PROXY}; upper case first) {@code localhost} and loopback addresses always go direct, as do
 * hosts matching a {@code no_proxy} entry: {@code *}, an address, a CIDR network, {@code example.com} (itself and
 * its subdomains), {@code .example.com} or {@code *.example.com} (subdomains only), each optionally with
 * {@code :port}. Blackbox asks about the URL after resolution, so the host is usually an address. Stateless and
 * thread-safe.
 */
final class ProxyChoice {
  private static final java.util.regex.Pattern IPV4ISH = java.util.regex.Pattern.compile("[0-9.]+");
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");
  private ProxyChoice() {}

  /** The proxy URL for {@code url} under {@code p}, with {@code env} as the process environment; empty: direct. */
  static Optional<String> of(ProxySettings p, URI url, Map<String, String> env) {
    if (p.fromEnvironment()) {
      boolean https = "https".equalsIgnoreCase(url.getScheme());
      Optional<String> proxy = env(env, https ? "HTTPS_PROXY" : "HTTP_PROXY").map(ProxyChoice::withScheme);
      return proxy.filter(x -> useProxy(url, env(env, "NO_PROXY").orElse("")));
    }
    if (p.url().isEmpty()) {
      return Optional.empty();
    }
    if (p.noProxy().isEmpty()) {
      return p.url();
    }
    return p.url().filter(x -> useProxy(url, p.noProxy().get()));
  }

  private static Optional<String> env(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      v = env.get(name.toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(v).filter(s -> !s.isEmpty());
  }

  private static String withScheme(String proxy) {
    return proxy.contains("://") ? proxy : "http://" + proxy;
  }

  static boolean useProxy(URI url, String noProxy) {
    String host = url.getHost() == null ? "" : url.getHost().replaceAll("^\\[|\\]$", "").toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    Optional<InetAddress> ip = literal(host);
    if (host.equals("localhost") || ip.map(InetAddress::isLoopbackAddress).orElse(false)) {
      return false;
    }
    for (String raw : noProxy.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return false;
      }
      if (entry.contains("/")) {
        if (ip.isPresent() && inNetwork(ip.get(), entry)) {
          return false;
        }
        continue;
      }
      String entryHost = entry;
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon && DIGITS.matcher(entry.substring(colon + 1)).matches()) {
        entryHost = entry.substring(0, colon);
        entryPort = Integer.parseInt(entry.substring(colon + 1));
      }
      entryHost = entryHost.replaceAll("^\\[|\\]$", "");
      if (entryPort >= 0 && entryPort != port) {
        continue;
      }
      Optional<InetAddress> entryIp = literal(entryHost);
      if (entryIp.isPresent()) {
        if (ip.isPresent() && ip.get().equals(entryIp.get())) {
          return false;
        }
        continue;
      }
      if (entryHost.startsWith("*.")) {
        entryHost = entryHost.substring(1);
      }
      if (entryHost.startsWith(".")) {
        if (host.endsWith(entryHost)) {
          return false;
        }
      } else if (host.equals(entryHost) || host.endsWith("." + entryHost)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<InetAddress> literal(String host) {
    if (!IPV4ISH.matcher(host).matches() && !host.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean inNetwork(InetAddress ip, String cidr) {
    int slash = cidr.indexOf('/');
    Optional<InetAddress> net = literal(cidr.substring(0, slash));
    if (net.isEmpty() || net.get().getAddress().length != ip.getAddress().length) {
      return false;
    }
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    int total = ip.getAddress().length * 8;
    if (bits < 0 || bits > total) {
      return false;
    }
    BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
        .shiftRight(bits).not().and(BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE));
    return new BigInteger(1, ip.getAddress()).and(mask).equals(new BigInteger(1, net.get().getAddress()).and(mask));
  }
}
