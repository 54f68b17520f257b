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
 * OkHttp's {@code HttpUrl} takes no zone, so the exchange asks for a stand-in name that its resolver answers with
 * the scoped address (the {@code resolve()} mechanism), and sends the Host header curl sends: the address without
 * the zone. Immutable; thread-safe.
 *
 * @param url the URL OkHttp is given, with the stand-in host
 * @param address the address to connect to, with its scope id
 * @param bareHost the address in brackets without its zone ({@code [fe80::1]}), for the Host header and TLS
 * @param hostHeader the Host header: {@link #bareHost} and the port when the URL has one
 */
record ScopedTarget(HttpUrl url, InetAddress address, String bareHost, String hostHeader) {
  static final String STAND_IN = "scoped-ipv6.netprobe.invalid";

  /** The target for {@code url}, or null when its host is not an IPv6 literal with a zone. */
  static @Nullable ScopedTarget of(URI url) {
    String host = url.getHost();
    if (host == null || !host.startsWith("[") || host.indexOf('%') < 0) {
      return null;
    }
    InetAddress address = Host.of(host).literal().orElseThrow();
    String bare = "[" + HostParser.format(address) + "]";
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String standIn = url.getScheme() + "://" + STAND_IN + port + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return new ScopedTarget(HttpUrl.get(standIn), address, bare, bare + port);
  }

  /** {@code fixed} (the probe's {@code resolve()} addresses) with the stand-in name mapped to the scoped address. */
  Map<String, List<InetAddress>> resolving(Map<String, List<InetAddress>> fixed) {
    Map<String, List<InetAddress>> all = new HashMap<>(fixed);
    all.put(STAND_IN, List.of(address));
    return all;
  }
}
