package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.TcpConversationBackend;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * A scripted {@link TcpConversationBackend}: a line server per port. The server sends its greeting lines, then
 * answers every line it receives with the lines its function returns (null closes the connection). Ports not
 * scripted refuse the connection; a line the server leaves unanswered makes an expect wait until the deadline, as a
 * silent peer does. netprobe-core resolves the host before connecting, so target IP literals (or
 * {@code localhost}).
 *
 * <pre>{@code
 * new FakeTcpConversationBackend()
 *     .server(6379, line -> line.equals("PING") ? List.of("+PONG") : List.of("-ERR unknown command"))
 *     .server(25, List.of("220 mail.test ESMTP"), line -> line.startsWith("QUIT") ? null : List.of("250 OK"))
 *     .tls(25, FakeHttpBackend.tlsFor("mail.test", Instant.now().plus(Duration.ofDays(30))));
 * }</pre>
 *
 * <p>Thread-safe; each connection is used by one thread.
 */
public final class FakeTcpConversationBackend implements TcpConversationBackend {
  private record Script(List<String> greeting, Function<String, List<String>> replies) {}

  private final Map<Integer, Script> servers = new ConcurrentHashMap<>();
  private final Map<Integer, TlsInfo> tls = new ConcurrentHashMap<>();

  /** A fake with nothing scripted yet. */
  public FakeTcpConversationBackend() {}

  @Override
  public String id() {
    return ScriptedBackend.ID;
  }

  @Override
  public int priority() {
    return -100;
  }

  /** Port {@code port} answers each line with {@code replies}' lines (null closes the connection). */
  public FakeTcpConversationBackend server(int port, Function<String, List<String>> replies) {
    return server(port, List.of(), replies);
  }

  /** Like {@link #server(int, Function)}, sending {@code greeting} first. */
  public FakeTcpConversationBackend server(int port, List<String> greeting, Function<String, List<String>> replies) {
    servers.put(port, new Script(List.copyOf(greeting), replies));
    return this;
  }

  /** STARTTLS (or TLS on connect) on {@code port} succeeds with these facts ({@link FakeHttpBackend#tlsFor}). */
  public FakeTcpConversationBackend tls(int port, TlsInfo info) {
    tls.put(port, info);
    return this;
  }

  @Override
  public Connection connect(InetSocketAddress target, Optional<InetAddress> source, Deadline deadline)
      throws IOException {
    Script script = servers.get(target.getPort());
    if (script == null) {
      throw new ConnectException("Connection refused (nothing scripted for port " + target.getPort() + ")");
    }
    return new FakeConnection(script, tls.get(target.getPort()), target);
  }

  /** One scripted connection. Not thread-safe. */
  private static final class FakeConnection implements Connection {
    private final Script script;
    private final @Nullable TlsInfo tls;
    private final InetSocketAddress target;
    private final Deque<String> pending = new ArrayDeque<>();
    private boolean closed;

    FakeConnection(Script script, @Nullable TlsInfo tls, InetSocketAddress target) {
      this.script = script;
      this.tls = tls;
      this.target = target;
      pending.addAll(script.greeting());
    }

    @Override
    public InetSocketAddress local() {
      return new InetSocketAddress(target.getAddress(), 40000);
    }

    @Override
    public @Nullable String readLine(int maxBytes, Deadline deadline) throws IOException {
      if (!pending.isEmpty()) {
        String line = pending.removeFirst();
        return line.length() > maxBytes ? line.substring(0, maxBytes) : line;
      }
      if (closed) {
        return null;
      }
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(deadline.remainingNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new SocketTimeoutException("Read timed out (the fake server has nothing more to say)");
    }

    @Override
    public void write(byte[] data, Deadline deadline) throws IOException {
      if (closed) {
        throw new IOException("Broken pipe (the fake server closed the connection)");
      }
      for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
        List<String> replies = script.replies().apply(line.endsWith("\r") ? line.substring(0, line.length() - 1)
            : line);
        if (replies == null) {
          closed = true;
          return;
        }
        pending.addAll(replies);
      }
    }

    @Override
    public TlsInfo startTls(String serverName, boolean insecure, Optional<Path> caFile, Deadline deadline)
        throws IOException {
      if (tls == null) {
        throw new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake (no TLS scripted for "
            + "port " + target.getPort() + ")");
      }
      if (!tls.problems().isEmpty() && !insecure) {
        throw refusal(tls.problems().get(0));
      }
      return tls;
    }

    @Override
    public void close() {
      closed = true;
    }

    /** The exception the JDK's TLS throws for {@code problem}, which netprobe-core reads as it reads the real one. */
    private static javax.net.ssl.SSLHandshakeException refusal(io.netprobe.http.TlsProblem problem) {
      javax.net.ssl.SSLHandshakeException e;
      switch (problem) {
        case EXPIRED:
          e = new javax.net.ssl.SSLHandshakeException("PKIX path validation failed: certificate expired");
          e.initCause(new java.security.cert.CertificateExpiredException("NotAfter: " + Instant.now()));
          return e;
        case NOT_YET_VALID:
          e = new javax.net.ssl.SSLHandshakeException("PKIX path validation failed: certificate not yet valid");
          e.initCause(new java.security.cert.CertificateNotYetValidException("NotBefore: " + Instant.now()));
          return e;
        case HOSTNAME_MISMATCH:
          return new javax.net.ssl.SSLHandshakeException("No subject alternative DNS name matching the host found");
        default:
          e = new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification "
              + "path to requested target");
          e.initCause(new java.security.cert.CertPathValidatorException("scripted untrusted issuer"));
          return e;
      }
    }
  }
}
