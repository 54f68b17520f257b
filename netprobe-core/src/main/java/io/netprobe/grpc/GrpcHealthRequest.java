package io.netprobe.grpc;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.http.HttpHeaders;
import io.netprobe.internal.Validate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A gRPC health check, like {@code grpc_health_probe -addr host:port [-service NAME] [-tls]} or blackbox_exporter's
 * grpc prober: {@code Probes.grpcHealth("localhost", 50051).service("orders").tls().run()}. Needs
 * {@code io.netprobe:netprobe-grpc} on the class path.
 *
 * <p>Immutable and thread-safe.
 */
public final class GrpcHealthRequest implements ProbeRequest<GrpcHealthResult, GrpcHealthRequest> {
  private final ProbeRunner runner;
  private final GrpcHealthSpec spec;

  private GrpcHealthRequest(ProbeRunner runner, GrpcHealthSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /** Use {@code ProbeClient.grpcHealth(String, int)}. */
  public static GrpcHealthRequest create(ProbeRunner runner, Host host, int port) {
    return new GrpcHealthRequest(runner, new GrpcHealthSpec(host, Validate.port(port), "", false, Optional.empty(),
        Optional.empty(), runner.timeout()));
  }

  /** Asks about {@code service} instead of the whole server (""). */
  public GrpcHealthRequest service(String service) {
    Objects.requireNonNull(service, "service");
    if (service.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("service must not contain control characters, was "
          + Validate.quote(service));
    }
    return new GrpcHealthRequest(runner, spec.withService(service));
  }

  /** Connects with TLS, verifying the certificate against the JVM's trust store. */
  public GrpcHealthRequest tls() {
    return new GrpcHealthRequest(runner, spec.withTls(true));
  }

  /** Connects with TLS, trusting the certificates in the PEM file {@code caFile}. */
  public GrpcHealthRequest tls(Path caFile) {
    return new GrpcHealthRequest(runner, spec.withTls(true).withCaFile(Optional.of(caFile)));
  }

  /** The name used for SNI, certificate checks and {@code :authority} instead of the host. */
  public GrpcHealthRequest authority(String authority) {
    return new GrpcHealthRequest(runner, spec.withAuthority(Optional.of(Host.of(authority).ascii())));
  }

  /**
   * Sends {@code name: value} as request metadata ({@code grpc_health_probe -rpc-header}); repeat for more values.
   * Names are ASCII letters, digits, {@code - _ .} and are sent in lower case; binary ({@code -bin}) and reserved
   * ({@code grpc-}) names are refused. Values of secret names (authorization, tokens, …) are redacted wherever the
   * request or result is shown.
   */
  public GrpcHealthRequest metadata(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    String key = name.toLowerCase(Locale.ROOT);
    if (!key.matches("[0-9a-z_.-]+")) {
      throw new IllegalArgumentException("metadata name must be ASCII letters, digits, '-', '_' or '.', was "
          + Validate.quote(name));
    }
    if (key.endsWith("-bin") || key.startsWith("grpc-")) {
      throw new IllegalArgumentException("metadata name must not end in -bin (binary) or start with grpc- "
          + "(reserved), was " + Validate.quote(name));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("metadata value for " + key + " must be printable ASCII, found U+"
            + String.format("%04X", (int) c) + " at index " + i);
      }
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>(spec.metadata().entries());
    entries.add(Map.entry(key, value));
    return new GrpcHealthRequest(runner, spec.withMetadata(HttpHeaders.of(entries)));
  }

  /**
   * Calls the address of the host's protocol that {@code preference} chooses (blackbox's
   * {@code preferred_ip_protocol} with {@code ip_protocol_fallback}); a name without such an address fails with
   * NAME_NOT_FOUND. TLS still verifies the host name (or {@link #authority}).
   */
  public GrpcHealthRequest ipPreference(IpPreference preference) {
    return new GrpcHealthRequest(runner, spec.withIpPreference(Optional.of(preference)));
  }

  /**
   * Connects from {@code address} (blackbox's {@code source_ip_address}); an address this machine does not have
   * fails the check.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public GrpcHealthRequest sourceAddress(String address) {
    java.net.InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("sourceAddress needs an IP address, not " + Validate.quote(address)));
    return connection(spec.connection().withSourceAddress(Optional.of(ip)));
  }

  /**
   * Connects with TLS and accepts any certificate ({@code grpc_health_probe -tls-no-verify}, blackbox's
   * {@code insecure_skip_verify}); the certificate facts are still in the result.
   */
  public GrpcHealthRequest insecure() {
    return new GrpcHealthRequest(runner, spec.withTls(true).withConnection(spec.connection().withInsecure(true)));
  }

  /**
   * Presents {@code certificate} (PEM, intermediates after it) with {@code key} (PKCS#8 PEM) when the server asks,
   * for mutual TLS ({@code grpc_health_probe -tls-client-cert -tls-client-key}).
   */
  public GrpcHealthRequest clientCertificate(Path certificate, Path key) {
    return connection(spec.connection().withClientCertificate(Optional.of(
        new io.netprobe.http.ClientCertificate(certificate, key, Optional.empty()))));
  }

  /**
   * Offers only TLS versions from {@code min} to {@code max} when the check uses TLS (blackbox's {@code tls_config}
   * {@code min_version}/{@code max_version}); null leaves that bound at the default (TLS 1.2 to 1.3). Versions the
   * JVM has disabled ({@code jdk.tls.disabledAlgorithms}: TLS 1.0 and 1.1 on current JDKs) stay disabled. A server
   * that speaks none of them fails the handshake.
   *
   * @throws IllegalArgumentException when {@code min} is above {@code max}
   */
  public GrpcHealthRequest tlsVersions(@javax.annotation.Nullable io.netprobe.http.TlsVersion min,
      @javax.annotation.Nullable io.netprobe.http.TlsVersion max) {
    return connection(spec.connection().withTlsVersions(Optional.ofNullable(min), Optional.ofNullable(max)));
  }

  private GrpcHealthRequest connection(GrpcConnectionOptions connection) {
    return new GrpcHealthRequest(runner, spec.withConnection(connection));
  }

  @Override
  public GrpcHealthRequest timeout(Duration timeout) {
    return new GrpcHealthRequest(runner, spec.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec a backend receives. */
  public GrpcHealthSpec spec() {
    return spec;
  }

  @Override
  public GrpcHealthResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<GrpcHealthResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public String toString() {
    return "GrpcHealthRequest[" + spec.host().uriHost() + ":" + spec.port() + ", service=\"" + spec.service()
        + "\", tls=" + spec.tls() + (spec.connection().insecure() ? " (insecure)" : "")
        + (spec.metadata().size() == 0 ? "" : ", metadata=" + spec.metadata().entries().stream()
            .map(e -> e.getKey() + ": " + HttpHeaders.redactedValue(e.getKey(), e.getValue())).toList())
        + spec.ipPreference().map(p -> ", ipPreference=" + p).orElse("") + ", timeout=" + spec.timeout() + "]";
  }
}
