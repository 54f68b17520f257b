package io.netprobe.sockets.internal.conversation;

import io.netprobe.core.Deadline;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.TcpConversationBackend;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLSocket;

/**
 * TCP conversations on a plain blocking {@link Socket}: every connect, read and write (see {@link WriteDeadline}) is
 * bounded by what is left of
 * the deadline (connect timeout, {@code SO_TIMEOUT} per read), and TLS is layered on the same socket for STARTTLS.
 * Thread-safe: no state is shared between connections.
 */
public final class SocketConversationBackend implements TcpConversationBackend {
  public static final String ID = "socket";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public Connection connect(InetSocketAddress target, Optional<InetAddress> source, Deadline deadline)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      if (source.isPresent()) {
        try {
          socket.bind(new InetSocketAddress(source.get(), 0));
        } catch (BindException e) {
          BindException clear = new BindException("cannot use source address " + source.get().getHostAddress()
              + ": this machine has no such address (" + e.getMessage() + ")");
          clear.initCause(e);
          throw clear;
        }
      }
      int millis = deadline.remainingMillisForSocket();
      if (millis == 0) {
        throw new SocketTimeoutException("no time left to connect to " + target);
      }
      socket.connect(target, millis);
      return new SocketConnection(socket, target);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** One connection; its streams are replaced by the TLS socket's after STARTTLS. Not thread-safe. */
  private static final class SocketConnection implements Connection {
    private Socket socket;
    private final InetSocketAddress target;
    private InputStream in;
    private OutputStream out;

    SocketConnection(Socket socket, InetSocketAddress target) throws IOException {
      this.socket = socket;
      this.target = target;
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    @Override
    public InetSocketAddress local() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public @Nullable String readLine(int maxBytes, Deadline deadline) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (line.size() < maxBytes) {
        int millis = deadline.remainingMillisForSocket();
        if (millis == 0) {
          throw new SocketTimeoutException("deadline passed while reading a line");
        }
        socket.setSoTimeout(millis);
        int b = in.read();
        if (b < 0) {
          return line.size() == 0 ? null : text(line);
        }
        if (b == '\n') {
          return text(line);
        }
        line.write(b);
      }
      return text(line);
    }

    @Override
    public byte[] readBytes(int n, Deadline deadline) throws IOException {
      byte[] got = new byte[n];
      int have = 0;
      while (have < n) {
        int millis = deadline.remainingMillisForSocket();
        if (millis == 0) {
          throw new SocketTimeoutException("deadline passed while reading bytes");
        }
        socket.setSoTimeout(millis);
        int r = in.read(got, have, n - have);
        if (r < 0) {
          return java.util.Arrays.copyOf(got, have);
        }
        have += r;
      }
      return got;
    }

    private static String text(ByteArrayOutputStream line) {
      String s = line.toString(StandardCharsets.UTF_8);
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void write(byte[] data, Deadline deadline) throws IOException {
      OutputStream to = out;
      WriteDeadline.bounded(socket, deadline, () -> {
        to.write(data);
        to.flush();
      });
    }

    @Override
    public TlsInfo startTls(String serverName, boolean insecure, Optional<Path> caFile, Deadline deadline)
        throws IOException {
      return startTls(serverName, insecure, caFile, io.netprobe.sockets.ConversationTlsOptions.DEFAULT, deadline);
    }

    @Override
    public TlsInfo startTls(String serverName, boolean insecure, Optional<Path> caFile,
        io.netprobe.sockets.ConversationTlsOptions options, Deadline deadline) throws IOException {
      ConversationTls.Handshaken done = ConversationTls.handshake(socket, target, serverName, insecure, caFile,
          options, deadline);
      SSLSocket tls = done.socket();
      TlsInfo info = done.info();
      socket = tls;
      in = new BufferedInputStream(tls.getInputStream());
      out = tls.getOutputStream();
      return info;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
