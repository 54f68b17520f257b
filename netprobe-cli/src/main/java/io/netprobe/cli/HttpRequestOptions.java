package io.netprobe.cli;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpRequestBody;
import io.netprobe.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/**
 * curl's request options and blackbox_exporter's response checks for {@code netprobe head}, with curl's meaning:
 * {@code -d} sends a form with POST unless {@code -X} says otherwise, {@code @file} reads a file, {@code -u} is
 * {@code user:password}, {@code -x} takes {@code [http://][user:password@]host:port}. Not thread-safe.
 */
final class HttpRequestOptions {
  @Option(names = {"-d", "--data"}, paramLabel = "DATA", description = "Send DATA (or @FILE, line breaks removed) as "
      + "a form, with POST unless -X says otherwise; repeated -d are joined with &.")
  List<String> data = List.of();

  @Option(names = "--data-binary", paramLabel = "DATA", description = "Send DATA (or @FILE) exactly as given.")
  String dataBinary;

  @Option(names = {"-u", "--user"}, paramLabel = "USER:PASSWORD", description = "HTTP Basic credentials (never "
      + "printed).")
  String user;

  @Option(names = "--oauth2-bearer", paramLabel = "TOKEN", description = "A bearer token (never printed).")
  String bearer;

  @Option(names = {"-x", "--proxy"}, paramLabel = "[http://][USER:PASSWORD@]HOST:PORT", description = "Go through "
      + "this HTTP proxy (CONNECT for https).")
  String proxy;

  @Option(names = {"-E", "--cert"}, paramLabel = "FILE", description = "Client certificate (PEM) for mutual TLS.")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "The client certificate's PKCS#8 PEM key (default: the "
      + "--cert file).")
  Path key;

  @Option(names = "--pass", paramLabel = "PASSWORD", description = "Password of an encrypted --key (never printed).")
  String keyPassword;

  @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates in this PEM file instead "
      + "of the JVM's.")
  Path cacert;

  @Option(names = "--interface", paramLabel = "NAME|ADDRESS", description = "Connect from this address, or from the "
      + "first address of this interface.")
  String sourceInterface;

  @Option(names = "--compressed", description = "Ask for gzip, deflate and br and decode the one the server chose; "
      + "JSON shows both body lengths.")
  boolean compressed;

  @Option(names = "--max-filesize", paramLabel = "BYTES", description = "Fail when the (decoded) body is longer "
      + "(blackbox's body_size_limit).")
  Long maxFilesize;

  @Option(names = "--http1.1", description = "Offer HTTP/1.1 only: no HTTP/2 over TLS, like curl's.")
  boolean http11;

  @Option(names = {"-4", "--ipv4"}, description = "Connect over IPv4 only.")
  boolean ipv4;

  @Option(names = {"-6", "--ipv6"}, description = "Connect over IPv6 only.")
  boolean ipv6;

  @Option(names = "--prefer", paramLabel = "ip4|ip6", description = "Prefer this protocol, falling back to the other "
      + "(blackbox's preferred_ip_protocol with ip_protocol_fallback).")
  String prefer;

  @Option(names = "--expect-status", paramLabel = "CODES", split = ",", description = "Fail unless the final status "
      + "is one of these (valid_status_codes).")
  List<Integer> expectStatus = List.of();

  @Option(names = "--expect-http-version", paramLabel = "VERSIONS", split = ",", description = "Fail unless the "
      + "response's version is one of these: 1.0, 1.1, 2 (valid_http_versions).")
  List<String> expectVersion = List.of();

  @Option(names = "--fail-if-body-matches", paramLabel = "REGEX", description = "Fail when the body matches.")
  List<String> bodyMatches = List.of();

  @Option(names = "--fail-if-body-not-matches", paramLabel = "REGEX", description = "Fail unless the body matches.")
  List<String> bodyNotMatches = List.of();

  @Option(names = "--fail-if-header-matches", paramLabel = "NAME: REGEX", description = "Fail when a value of the "
      + "header matches (a missing header fails too).")
  List<String> headerMatches = List.of();

  @Option(names = "--fail-if-header-not-matches", paramLabel = "NAME: REGEX", description = "Fail unless a value of "
      + "the header matches.")
  List<String> headerNotMatches = List.of();

  @Option(names = "--expect-json-path", paramLabel = "PATH=REGEX", description = "Fail unless the JSON body has a "
      + "value at PATH ($.status) that matches REGEX.")
  List<String> jsonPaths = List.of();

  /** {@code request} with every option given; {@code method} is -X (null when not given). */
  HttpProbeRequest apply(HttpProbeRequest request, @Nullable String method) {
    HttpProbeRequest r = request;
    boolean checksBody = !bodyMatches.isEmpty() || !bodyNotMatches.isEmpty() || !jsonPaths.isEmpty()
        || maxFilesize != null || compressed;
    boolean hasData = !data.isEmpty() || dataBinary != null;
    r = r.method(method != null ? method : hasData ? "POST" : checksBody ? "GET" : "HEAD");
    if (dataBinary != null) {
      r = r.body(content(dataBinary, false), "application/octet-stream");
    } else if (!data.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String d : data) {
        parts.add(new String(content(d, true), StandardCharsets.UTF_8));
      }
      r = r.body(String.join("&", parts).getBytes(StandardCharsets.UTF_8), HttpRequestBody.FORM);
    }
    if (user != null) {
      int colon = user.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("-u must look like user:password (netprobe does not prompt)");
      }
      r = r.basicAuth(user.substring(0, colon), user.substring(colon + 1));
    }
    if (bearer != null) {
      r = r.bearerToken(bearer);
    }
    if (proxy != null) {
      r = r.proxy(proxy.contains("://") ? proxy : "http://" + proxy);
    }
    if (cert != null) {
      r = r.clientCertificate(cert, key != null ? key : cert, keyPassword);
    } else if (key != null) {
      throw new IllegalArgumentException("--key needs --cert");
    }
    if (cacert != null) {
      r = r.caFile(cacert);
    }
    if (sourceInterface != null) {
      r = r.sourceAddress(sourceAddress(sourceInterface));
    }
    if (compressed) {
      r = r.compression("gzip, deflate, br");
    }
    if (maxFilesize != null) {
      r = r.bodySizeLimit(maxFilesize);
    }
    if (http11) {
      r = r.http2(false);
    }
    r = ipOptions(r);
    return checks(r);
  }

  private HttpProbeRequest ipOptions(HttpProbeRequest r) {
    if (ipv4 && ipv6) {
      throw new IllegalArgumentException("-4 and -6 exclude each other");
    }
    if (ipv4 || ipv6) {
      return r.ipPreference(IpPreference.only(ipv4 ? IpProtocol.IP4 : IpProtocol.IP6));
    }
    return prefer == null ? r : r.ipPreference(IpPreference.prefer(IpProtocol.parse(prefer)));
  }

  private HttpProbeRequest checks(HttpProbeRequest request) {
    HttpProbeRequest r = request;
    if (!expectStatus.isEmpty()) {
      r = r.expectStatus(expectStatus.toArray(Integer[]::new));
    }
    if (!expectVersion.isEmpty()) {
      r = r.expectVersion(expectVersion.stream().map(HttpRequestOptions::version).toArray(HttpVersion[]::new));
    }
    for (String re : bodyMatches) {
      r = r.failIfBodyMatches(re);
    }
    for (String re : bodyNotMatches) {
      r = r.failIfBodyNotMatches(re);
    }
    for (String h : headerMatches) {
      String[] nameAndRegex = split(h, ':', "--fail-if-header-matches", "Name: regex");
      r = r.failIfHeaderMatches(nameAndRegex[0], nameAndRegex[1], false);
    }
    for (String h : headerNotMatches) {
      String[] nameAndRegex = split(h, ':', "--fail-if-header-not-matches", "Name: regex");
      r = r.failIfHeaderNotMatches(nameAndRegex[0], nameAndRegex[1], false);
    }
    for (String j : jsonPaths) {
      String[] pathAndRegex = split(j, '=', "--expect-json-path", "$.path=regex");
      r = r.expectJsonPath(pathAndRegex[0], pathAndRegex[1]);
    }
    return r;
  }

  private static String[] split(String text, char separator, String option, String form) {
    int at = text.indexOf(separator);
    if (at <= 0) {
      throw new IllegalArgumentException(option + " must look like \"" + form + "\", was \"" + text + "\"");
    }
    return new String[] {text.substring(0, at).trim(), text.substring(at + 1).trim()};
  }

  private static HttpVersion version(String text) {
    switch (text.trim().toUpperCase(java.util.Locale.ROOT).replace("HTTP/", "")) {
      case "1.0":
        return HttpVersion.HTTP_1_0;
      case "1.1":
        return HttpVersion.HTTP_1_1;
      case "2": case "2.0":
        return HttpVersion.HTTP_2;
      case "3": case "3.0":
        return HttpVersion.HTTP_3;
      default:
        throw new IllegalArgumentException("--expect-http-version takes 1.0, 1.1, 2 or 3, was \"" + text + "\"");
    }
  }

  /** {@code DATA} itself, or the content of {@code @FILE} (curl's -d drops its line breaks). */
  private static byte[] content(String data, boolean dropLineBreaks) {
    if (!data.startsWith("@")) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
    try {
      byte[] bytes = Files.readAllBytes(Path.of(data.substring(1)));
      return dropLineBreaks ? new String(bytes, StandardCharsets.UTF_8).replace("\r", "").replace("\n", "")
          .getBytes(StandardCharsets.UTF_8) : bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + data.substring(1) + ": " + e.getMessage(), e);
    }
  }

  /** An IP literal as is; an interface name as its first address (IPv4 first, like curl on a dual-stack NIC). */
  static String sourceAddress(String nameOrAddress) {
    return sourceAddress("--interface", nameOrAddress);
  }

  /** {@link #sourceAddress(String)} for the option named {@code option} (its name starts the error messages). */
  static String sourceAddress(String option, String nameOrAddress) {
    try {
      if (Host.of(nameOrAddress).isLiteral()) {
        return nameOrAddress;
      }
    } catch (IllegalArgumentException notAnAddress) {
      // an interface name such as eth0 is not always a valid host name: look it up below
    }
    try {
      NetworkInterface nic = NetworkInterface.getByName(nameOrAddress);
      if (nic == null) {
        throw new IllegalArgumentException(option + ": no interface or address \"" + nameOrAddress + "\" on this "
            + "machine");
      }
      List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
      return addresses.stream().filter(a -> a instanceof Inet4Address).findFirst()
          .or(() -> addresses.stream().findFirst())
          .orElseThrow(() -> new IllegalArgumentException(option + ": " + nameOrAddress + " has no address"))
          .getHostAddress().replaceAll("%.*$", "");
    } catch (SocketException e) {
      throw new IllegalArgumentException(option + ": cannot read interface " + nameOrAddress + ": "
          + e.getMessage(), e);
    }
  }
}
