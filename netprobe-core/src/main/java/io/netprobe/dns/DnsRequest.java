package io.netprobe.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.net.HostParser;
import io.netprobe.internal.Validate;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A DNS lookup, configured like dig's command line.
 *
 * <pre>{@code
 * Probes.dns("quizai.juwonpark.me").run();                          // dig quizai.juwonpark.me
 * Probes.dns("example.com").type("MX").server("1.1.1.1").run();      // dig @1.1.1.1 example.com MX
 * Probes.dns("8.8.8.8").run();                                       // dig -x 8.8.8.8
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DnsRequest implements ProbeRequest<DnsResult, DnsRequest> {
  private final ProbeRunner runner;
  private final DnsSpec query;

  private DnsRequest(ProbeRunner runner, DnsSpec query) {
    this.runner = runner;
    this.query = query;
  }

  /**
   * Use {@code ProbeClient.dns(String)}; {@code runner} runs the request and gives its default timeout. An IP
   * literal becomes a PTR question for its reverse name.
   *
   * @throws IllegalArgumentException when {@code name} is neither a valid DNS name nor an IP literal
   */
  public static DnsRequest create(ProbeRunner runner, String name) {
    return new DnsRequest(runner, question(name, runner.timeout()));
  }

  /** The question for a name or IP literal, with dig's defaults. */
  private static DnsSpec question(String name, Duration timeout) {
    java.util.Objects.requireNonNull(name, "name");
    boolean endsInDigit = !name.isEmpty() && Character.isDigit(name.charAt(name.length() - 1));
    boolean looksLiteral = name.indexOf(':') >= 0 || (endsInDigit && HostParser.parseIpv4(name) != null);
    if (looksLiteral) {
      InetAddress address = Host.of(name).literal().orElseThrow();
      return DnsSpec.of(reverseName(address), name, RecordType.PTR, timeout);
    }
    String plain = PlainNames.parse(name);
    if (plain != null) {
      return DnsSpec.of(plain, name, RecordType.A, timeout);
    }
    PlainNames.checkLabels(name);
    return DnsSpec.of(HostParser.parseDnsName(name), name, RecordType.A, timeout);
  }

  /** The record type to ask for; A by default (PTR for IP literals). */
  public DnsRequest type(RecordType type) {
    java.util.Objects.requireNonNull(type, "type");
    return with(query.withType(type));
  }

  /**
   * The record type by mnemonic ({@code "MX"}) or number form ({@code "TYPE65"}).
   *
   * @throws IllegalArgumentException for an unknown type
   */
  public DnsRequest type(String type) {
    return type(RecordType.of(type));
  }

  /**
   * Asks this server on port 53 instead of the system's resolvers ({@code dig @server}). Calling it again adds a
   * further server to try when the first times out or answers SERVFAIL or REFUSED. A host name is resolved with the
   * system resolver when the query runs.
   *
   * @throws IllegalArgumentException for an invalid address or name
   */
  public DnsRequest server(String server) {
    return server(server, 53);
  }

  /**
   * Asks this server on this port ({@code dig @server -p port}).
   *
   * @throws IllegalArgumentException for an invalid address or name, or a port outside 1–65535
   */
  public DnsRequest server(String server, int port) {
    List<InetSocketAddress> alone = ServerAddresses.of(server, port);
    return query.servers().isEmpty() ? with(query.withServers(alone)) : server(alone.get(0));
  }

  /** Asks this server (see {@link #server(String)}). */
  public DnsRequest server(InetSocketAddress server) {
    Validate.port("DNS server port", server.getPort());
    if (query.servers().isEmpty()) {
      return with(query.withServers(List.of(server)));
    }
    List<InetSocketAddress> servers = new ArrayList<>(query.servers());
    servers.add(server);
    return with(query.withServers(servers));
  }

  /** Uses TCP from the start ({@code +tcp}). By default UDP is used and retried over TCP when truncated. */
  public DnsRequest tcp() {
    return with(query.withForceTcp(true));
  }

  /**
   * Advertises this EDNS UDP buffer size ({@code +bufsize}); default 1232.
   *
   * @throws IllegalArgumentException outside 512–65535
   */
  public DnsRequest ednsBufferSize(int bytes) {
    Validate.inRange("EDNS buffer size", bytes, 512, 65535);
    return with(query.withEdnsBufferSize(bytes));
  }

  /** Sends no EDNS OPT record ({@code +noedns}). Turns {@link #dnssec()} off too, since DO lives in the OPT record. */
  public DnsRequest noEdns() {
    return with(query.withEdnsBufferSize(0).withDnssec(false));
  }

  /** Sets the DO bit ({@code +dnssec}) so the server sends signatures; the result reports AD. */
  public DnsRequest dnssec() {
    return with(query.withDnssec());
  }

  /**
   * Asks class {@code dnsClass} instead of IN ({@code dig CH TXT version.server}, blackbox's {@code query_class}).
   *
   * @throws IllegalArgumentException when {@code dnsClass} is null
   */
  public DnsRequest dnsClass(DnsClass dnsClass) {
    if (dnsClass == null) {
      throw new IllegalArgumentException("dnsClass must be given (DnsClass.IN by default)");
    }
    return with(query.withDnsClass(dnsClass));
  }

  /** Clears RD ({@code +norecurse}): ask the server only what it knows itself. */
  public DnsRequest noRecursion() {
    return with(query.withRecursion(false));
  }

  /**
   * How many times to send the query to each server ({@code +tries}); 3 by default. All tries share the deadline.
   *
   * @throws IllegalArgumentException outside 1–10
   */
  public DnsRequest tries(int tries) {
    Validate.inRange("tries", tries, 1, 10);
    return with(query.withTries(tries));
  }

  /**
   * Asks for the PTR record of this request's name taken as an IP address, like {@code dig -x}. Calling
   * {@code Probes.dns(ip)} does the same.
   *
   * @throws IllegalArgumentException when the name is not an IP literal
   */
  public DnsRequest reverse() {
    InetAddress address = Host.of(query.input()).literal().orElseThrow(() ->
        new IllegalArgumentException("reverse() needs an IP address, not \"" + query.input() + "\""));
    return with(query.withName(reverseName(address)).withType(RecordType.PTR));
  }

  /**
   * Asks over TLS (RFC 7858, {@code dig +tls}), on port 853 unless a server names another port than 53. The
   * certificate is checked against the system's trust store and the server's address unless {@link #tlsCaFile},
   * {@link #tlsServerName} or {@link #tlsVerify(boolean)} say otherwise; the result carries the TLS facts, and a
   * certificate problem comes back as a TLS failure.
   */
  public DnsRequest overTls() {
    return with(query.withEncryption(Optional.of(query.encryption().filter(
        e -> e.protocol() == DnsEncryption.Protocol.TLS).orElse(carry(DnsEncryption.tls())))));
  }

  /**
   * Asks over HTTPS (RFC 8484, {@code dig +https}) with POST to {@code https://<server>:<port>/dns-query}, port 443
   * unless a server names another port than 53. Certificates are checked as for {@link #overTls()}.
   */
  public DnsRequest overHttps() {
    return with(query.withEncryption(Optional.of(carry(DnsEncryption.https(null)))));
  }

  /**
   * Asks over HTTPS with POST to this URI ({@code dig +https=/path} with the server in the URI).
   *
   * @throws IllegalArgumentException unless the URI is {@code https://host[:port]/path}
   */
  public DnsRequest overHttps(URI uri) {
    java.util.Objects.requireNonNull(uri, "uri");
    return with(query.withEncryption(Optional.of(carry(DnsEncryption.https(uri)))));
  }

  /**
   * Sends DNS over HTTPS as GET {@code ?dns=…} instead of POST ({@code dig +https-get}).
   *
   * @throws IllegalArgumentException unless {@link #overHttps()} was chosen
   */
  public DnsRequest httpsGet() {
    DnsEncryption e = encryption("httpsGet()");
    if (e.protocol() != DnsEncryption.Protocol.HTTPS) {
      throw new IllegalArgumentException("httpsGet() needs overHttps() first");
    }
    return with(query.withEncryption(Optional.of(e.withHttpGet(true))));
  }

  /**
   * Trusts the certificates in this PEM file instead of the system's ({@code +tls-ca=FILE}); turns verification on.
   *
   * @throws IllegalArgumentException unless {@link #overTls()} or {@link #overHttps()} was chosen
   */
  public DnsRequest tlsCaFile(Path caFile) {
    java.util.Objects.requireNonNull(caFile, "caFile");
    return with(query.withEncryption(Optional.of(encryption("tlsCaFile()").withCaFile(caFile))));
  }

  /**
   * The name the server's certificate must carry, also sent as SNI ({@code +tls-hostname=NAME}); turns
   * verification on. By default the server's address (or the URI's host) is checked.
   *
   * @throws IllegalArgumentException for an invalid name, or unless TLS or HTTPS was chosen
   */
  public DnsRequest tlsServerName(String name) {
    return with(query.withEncryption(Optional.of(encryption("tlsServerName()")
        .withServerName(HostParser.parseDnsName(name)))));
  }

  /**
   * Whether to check the server's certificate (default true). With false any certificate is accepted and its
   * problems are only reported in the TLS facts, like dig's {@code +tls} without {@code +tls-ca}.
   *
   * @throws IllegalArgumentException unless TLS or HTTPS was chosen
   */
  public DnsRequest tlsVerify(boolean verify) {
    return with(query.withEncryption(Optional.of(encryption("tlsVerify()").withVerify(verify))));
  }

  /** Presents this client certificate (PEM) and unencrypted PKCS#8 key when asked; needs TLS or HTTPS. */
  public DnsRequest tlsClientCertificate(Path certificate, Path key) {
    return with(query.withEncryption(Optional.of(encryption("tlsClientCertificate()").withClientCertificate(
        Optional.of(new io.netprobe.http.ClientCertificate(certificate, key, Optional.empty()))))));
  }

  /** Offers TLS versions {@code min} to {@code max} only (null: 1.2, 1.3); needs TLS or HTTPS; min above max throws. */
  public DnsRequest tlsVersions(@javax.annotation.Nullable io.netprobe.http.TlsVersion min,
      @javax.annotation.Nullable io.netprobe.http.TlsVersion max) {
    return with(query.withEncryption(Optional.of(encryption("tlsVersions()").withTlsVersions(
        Optional.ofNullable(min), Optional.ofNullable(max)))));
  }

  /**
   * Sends from this local address ({@code dig -b ADDR}); it must be an address of this machine, of the servers'
   * family. By default the system chooses.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public DnsRequest source(String address) {
    InetAddress a = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("the source address must be an IP address, not \"" + address + "\""));
    return with(query.withSource(Optional.of(a)));
  }

  private DnsEncryption encryption(String what) {
    return query.encryption().orElseThrow(() ->
        new IllegalArgumentException(what + " needs overTls() or overHttps() first"));
  }

  /** The new protocol with the certificate options already given. */
  private DnsEncryption carry(DnsEncryption fresh) {
    return query.encryption().map(old -> old.onTransportOf(fresh)).orElse(fresh);
  }

  @Override
  public DnsRequest timeout(Duration timeout) {
    return with(query.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The query a backend receives. */
  public DnsSpec spec() {
    return query;
  }

  @Override
  public DnsResult run() {
    return runner.run(query, Deadline.after(query.timeout()));
  }

  @Override
  public CompletableFuture<DnsResult> runAsync() {
    return runner.runAsync(query, Deadline.after(query.timeout()));
  }

  /**
   * Validates the answer with DNSSEC from a trust anchor (the root key unless one is given) and reports secure,
   * insecure or bogus with the reason. The servers asked are this request's (the system's resolvers by default).
   */
  public DnsValidationRequest validate() {
    return new DnsValidationRequest(runner, query, null);
  }

  /**
   * Resolves the name iteratively from the root servers instead of asking a resolver, like {@code dig +trace}. The
   * servers given with {@link #server(String)} are not used: the trace starts at the root hints.
   */
  public DnsTraceRequest trace() {
    return new DnsTraceRequest(runner, new DnsTraceSpec(query, List.of(), 53));
  }

  /**
   * Asks every server given with {@link #server(String)} the same question at once (instead of one after the other)
   * and says whether they agree — for checking that a change has reached every server. The fan-out returns by its
   * deadline; a server that has not answered by then is reported as timed out.
   *
   * @throws IllegalArgumentException when no server was given
   */
  public DnsFanOutRequest fanOut() {
    if (query.servers().isEmpty()) {
      throw new IllegalArgumentException("fanOut() needs the servers to compare: add them with server(…)");
    }
    return new DnsFanOutRequest(runner, query);
  }

  /** Another name's question (A, or PTR for an IP literal) without the options: {@link #ask} adds them. */
  DnsSpec questionFor(String name) {
    return question(name, query.timeout());
  }

  /** {@code options} asking {@code question}'s name; its type unless the question is a PTR of an IP literal. */
  static DnsSpec ask(DnsSpec options, DnsSpec question) {
    RecordType type = question.type().equals(RecordType.PTR) ? RecordType.PTR : options.type();
    // one record, not three withX() copies: a batch makes one per name
    return new DnsSpec(question.name(), question.input(), type, options.servers(), options.forceTcp(),
        options.ednsBufferSize(), options.dnssec(), options.recursion(), options.tries(), options.timeout(),
        options.encryption(), options.source(), options.dnsClass());
  }

  ProbeRunner runner() {
    return runner;
  }

  private DnsRequest with(DnsSpec query) {
    return new DnsRequest(runner, query);
  }

  /** The reverse-lookup name of an address: {@code 4.3.2.1.in-addr.arpa} or the nibble form under ip6.arpa. */
  public static String reverseName(InetAddress address) {
    byte[] b = address.getAddress();
    StringBuilder sb = new StringBuilder();
    if (address instanceof Inet6Address) {
      for (int i = b.length - 1; i >= 0; i--) {
        sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
        sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
      }
      return sb.append("ip6.arpa").toString();
    }
    for (int i = b.length - 1; i >= 0; i--) {
      sb.append(b[i] & 0xff).append('.');
    }
    return sb.append("in-addr.arpa").toString();
  }

  @Override
  public String toString() {
    return "DnsRequest" + query;
  }
}
