package io.netprobe.sockets;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP conversation that checks a port speaks its protocol, not just accepts: blackbox_exporter's
 * {@code query_response}, with TLS on connect or STARTTLS and the certificate's facts in the result.
 *
 * <pre>{@code
 * Probes.tcpConversation("localhost", 6379).send("PING").expect("^\\+PONG").run();           // Redis
 * Probes.tcpConversation("mail.test", 25).expect("^220 ").send("EHLO probe.test")
 *     .expect("^250-STARTTLS").expect("^250 ").send("STARTTLS").expect("^220 ").startTls()
 *     .send("QUIT").run().tls();                                                          // SMTP + STARTTLS
 * Probes.tcpConversation("imap.test", 993).tls().expect("^\\* OK").run();                  // TLS on connect
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TcpConversationRequest implements ProbeRequest<TcpConversationResult, TcpConversationRequest> {
  private final ProbeRunner runner;
  private final TcpConversationSpec spec;

  private TcpConversationRequest(ProbeRunner runner, TcpConversationSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /** Use {@code ProbeClient.tcpConversation(String, int)}. */
  public static TcpConversationRequest create(ProbeRunner runner, Host host, int port) {
    return new TcpConversationRequest(runner, new TcpConversationSpec(host, Validate.port(port), List.of(), false,
        Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), runner.timeout()));
  }

  /**
   * Waits for a line matching {@code regex} (see {@link ConversationStep.Expect}).
   *
   * @throws IllegalArgumentException when {@code regex} does not compile
   */
  public TcpConversationRequest expect(String regex) {
    return step(new ConversationStep.Expect(Validate.regex(regex)));
  }

  /** Sends {@code text} and {@code \n}; {@code ${1}}/{@code ${name}} take the last expect's groups. */
  public TcpConversationRequest send(String text) {
    return step(new ConversationStep.Send(text));
  }

  /** Waits for exactly {@code bytes} (blackbox's {@code expect_bytes}); see {@link ConversationStep.ExpectBytes}. */
  public TcpConversationRequest expectBytes(byte[] bytes) {
    return step(new ConversationStep.ExpectBytes(bytes));
  }

  /** Like {@link #send(String)}, never shown in results, messages or JSON (passwords, {@code AUTH} lines). */
  public TcpConversationRequest sendSecret(String text) {
    return step(new ConversationStep.SendSecret(io.netprobe.core.Secret.of(text)));
  }

  /** Starts TLS at this point of the conversation (STARTTLS). */
  public TcpConversationRequest startTls() {
    return step(new ConversationStep.StartTls());
  }

  /** Adds {@code step} after the others. */
  public TcpConversationRequest step(ConversationStep step) {
    List<ConversationStep> steps = new ArrayList<>(spec.steps());
    steps.add(Objects.requireNonNull(step, "step"));
    return with(spec.with(steps, spec.tls(), spec.serverName(), spec.insecure(), spec.caFile(), spec.ipPreference(),
        spec.sourceAddress(), spec.timeout()));
  }

  /** Starts TLS right after connecting (blackbox's {@code tls: true}, port 993, 465, 636…). */
  public TcpConversationRequest tls() {
    return with(spec.with(spec.steps(), true, spec.serverName(), spec.insecure(), spec.caFile(), spec.ipPreference(),
        spec.sourceAddress(), spec.timeout()));
  }

  /** The name for SNI and the certificate check instead of the host (blackbox's {@code server_name}). */
  public TcpConversationRequest serverName(String name) {
    return with(spec.with(spec.steps(), spec.tls(), Optional.of(Host.of(name).ascii()), spec.insecure(),
        spec.caFile(), spec.ipPreference(), spec.sourceAddress(), spec.timeout()));
  }

  /** Goes on when the certificate fails verification; the problems are still in {@code TlsInfo.problems()}. */
  public TcpConversationRequest insecure() {
    return with(spec.with(spec.steps(), spec.tls(), spec.serverName(), true, spec.caFile(), spec.ipPreference(),
        spec.sourceAddress(), spec.timeout()));
  }

  /** Trusts the certificates in the PEM file {@code caFile} instead of the JVM's. */
  public TcpConversationRequest caFile(Path caFile) {
    return with(spec.with(spec.steps(), spec.tls(), spec.serverName(), spec.insecure(), Optional.of(caFile),
        spec.ipPreference(), spec.sourceAddress(), spec.timeout()));
  }

  /** Presents {@code certificate} (PEM) with {@code key} (PKCS#8 PEM) when the server asks (mutual TLS). */
  public TcpConversationRequest clientCertificate(Path certificate, Path key) {
    return with(spec.withTlsOptions(spec.tlsOptions().withClientCertificate(Optional.of(
        new io.netprobe.http.ClientCertificate(certificate, key, Optional.empty())))));
  }

  /**
   * Offers only TLS versions from {@code min} to {@code max}; null leaves a bound at the JVM's default (blackbox's
   * {@code min_version}/{@code max_version}).
   *
   * @throws IllegalArgumentException when {@code min} is above {@code max}
   */
  public TcpConversationRequest tlsVersions(@javax.annotation.Nullable io.netprobe.http.TlsVersion min,
      @javax.annotation.Nullable io.netprobe.http.TlsVersion max) {
    return with(spec.withTlsOptions(spec.tlsOptions().withVersions(Optional.ofNullable(min),
        Optional.ofNullable(max))));
  }

  /** Connects over {@code preference}'s protocol ({@code preferred_ip_protocol}, {@code ip_protocol_fallback}). */
  public TcpConversationRequest ipPreference(IpPreference preference) {
    return with(spec.with(spec.steps(), spec.tls(), spec.serverName(), spec.insecure(), spec.caFile(),
        Optional.of(preference), spec.sourceAddress(), spec.timeout()));
  }

  /**
   * Connects from {@code address} (blackbox's {@code source_ip_address}).
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public TcpConversationRequest sourceAddress(String address) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("sourceAddress needs an IP address, not " + Validate.quote(address)));
    return with(spec.with(spec.steps(), spec.tls(), spec.serverName(), spec.insecure(), spec.caFile(),
        spec.ipPreference(), Optional.of(ip), spec.timeout()));
  }

  @Override
  public TcpConversationRequest timeout(Duration timeout) {
    return with(spec.with(spec.steps(), spec.tls(), spec.serverName(), spec.insecure(), spec.caFile(),
        spec.ipPreference(), spec.sourceAddress(), Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec the conversation runs. */
  public TcpConversationSpec spec() {
    return spec;
  }

  @Override
  public TcpConversationResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<TcpConversationResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private TcpConversationRequest with(TcpConversationSpec changed) {
    return new TcpConversationRequest(runner, changed);
  }

  @Override
  public String toString() {
    return "TcpConversationRequest[" + spec.host().uriHost() + ":" + spec.port() + ", steps="
        + spec.steps().stream().map(ConversationStep::describe).toList() + ", tls=" + spec.tls() + ", timeout="
        + spec.timeout() + "]";
  }
}
