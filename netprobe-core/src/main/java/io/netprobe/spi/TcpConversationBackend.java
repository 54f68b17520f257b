package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.http.TlsInfo;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The transport of a TCP conversation: a connection that reads lines, writes bytes and starts TLS, each within a
 * deadline. The conversation itself (steps, captures, what a failure means) is netprobe-core's, the same for every
 * backend. Operations throw {@link IOException} (a read past the deadline: {@link java.net.SocketTimeoutException});
 * the core reads their meaning with {@code io.netprobe.internal.ConnectFailures}. Thread-safe; each connection is
 * used by one thread.
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public interface TcpConversationBackend extends Backend {

  /**
   * Connects to {@code address:port}, from {@code source} when given, by {@code deadline}.
   *
   * @throws IOException when the connection cannot be made
   */
  Connection connect(InetSocketAddress target, Optional<InetAddress> source, Deadline deadline) throws IOException;

  /** One open connection. Not thread-safe. */
  interface Connection extends Closeable {

    /** The local address and port. */
    InetSocketAddress local();

    /**
     * The next line without its {@code \n} (and a {@code \r} before it); null when the peer closed the connection
     * before one ended. A line longer than {@code maxBytes} is returned cut at that length.
     */
    @Nullable String readLine(int maxBytes, Deadline deadline) throws IOException;

    /**
     * Reads {@code n} bytes; fewer when the peer closes the connection first. A backend that cannot read raw bytes
     * fails with an {@link IOException} saying so.
     */
    default byte[] readBytes(int n, Deadline deadline) throws IOException {
      throw new IOException("this conversation backend cannot read raw bytes");
    }

    /** Writes {@code data} completely. */
    void write(byte[] data, Deadline deadline) throws IOException;

    /**
     * Makes a TLS handshake on this connection for {@code serverName}, verifying the chain against the JVM's trust
     * (or {@code caFile}) and the name; {@code insecure} goes on after problems, which the result lists.
     *
     * @throws IOException when the handshake fails (in strict mode: any certificate problem)
     */
    TlsInfo startTls(String serverName, boolean insecure, Optional<Path> caFile, Deadline deadline) throws IOException;

    /**
     * {@link #startTls(String, boolean, Optional, Deadline)} presenting {@code options}' client certificate and
     * offering only its TLS versions. A backend that cannot fails with an {@link IOException} saying so when any
     * such option is set.
     */
    default TlsInfo startTls(String serverName, boolean insecure, Optional<Path> caFile,
        io.netprobe.sockets.ConversationTlsOptions options, Deadline deadline) throws IOException {
      if (!options.equals(io.netprobe.sockets.ConversationTlsOptions.DEFAULT)) {
        throw new IOException("this conversation backend cannot present a client certificate or bound TLS versions");
      }
      return startTls(serverName, insecure, caFile, deadline);
    }
  }
}
