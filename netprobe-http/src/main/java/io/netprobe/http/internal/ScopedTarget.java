package io.netprobe.http.internal;

import io.netprobe.core.Host;
import io.netprobe.internal.net.HostParser;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * A URL whose host is a link-local IPv6 literal with its zone ({@code http://[fe80::1%25eth0]:8080/}, RFC 6874).
 * OkHttp's {@code HttpUrl} takes no zone, so OkHttp's exchange asks for a stand-in name that its resolver answers
 * with the scoped address (the {@code resolve()} mechanism), and sends the Host header curl sends: the address
 * without the zone ({@link Http1RequestHead#hostHeader}). The engine's exchange connects to {@link #address(URI)}
 * itself. Immutable; thread-safe.
 *
 * @param url the URL OkHttp is given, with the stand-in host
 * @param address the address to connect to, with its scope id
 * @param peerHost the address without its zone or brackets ({@code fe80::1}), as TLS names the peer
 * @param hostHeader the Host header: the address in brackets without its zone, and the port unless the scheme's
 */
record ScopedTarget(HttpUrl url, InetAddress address, String peerHost, String hostHeader) {
  static final String STAND_IN = "scoped-ipv6.netprobe.invalid";

  /** The target for {@code url}, or null when its host is not an IPv6 literal with a zone. */
  static @Nullable ScopedTarget of(URI url) {
    InetAddress address = address(url);
    if (address == null) {
      return null;
    }
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String standIn = url.getScheme() + "://" + STAND_IN + port + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return new ScopedTarget(HttpUrl.get(standIn), address, HostParser.format(address),
        Http1RequestHead.hostHeader(url));
  }

  /** The scoped address {@code url} names, or null when its host is not an IPv6 literal with a zone. */
  static @Nullable InetAddress address(URI url) {
    String host = url.getHost();
    if (host == null || !host.startsWith("[") || host.indexOf('%') < 0) {
      return null;
    }
    return Host.of(host).literal().orElseThrow();
  }

  /** {@code fixed} (the probe's {@code resolve()} addresses) with the stand-in name mapped to the scoped address. */
  Map<String, List<InetAddress>> resolving(Map<String, List<InetAddress>> fixed) {
    Map<String, List<InetAddress>> all = new HashMap<>(fixed);
    all.put(STAND_IN, List.of(address));
    return all;
  }
}
