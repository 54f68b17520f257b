package io.netprobe.sockets.internal.conversation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small SMTP-like server on loopback for tests: greets with {@code 220 smtp.test ESMTP}, answers {@code EHLO name}
 * with {@code 250-smtp.test Hello name}, {@code 250-STARTTLS}, {@code 250 OK}, upgrades to TLS after
 * {@code STARTTLS} ({@code 220 Ready}), says {@code 221 Bye} to {@code QUIT} and {@code 500 unknown} to anything else.
 * With {@code tlsOnConnect} the whole session is TLS (like port 465). Records every line and the peer address.
 * One connection at a time; thread-safe for reading the records.
 */
final class SmtpLikeServer implements AutoCloseable {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<InetAddress> peers = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private final SSLSocketFactory tls;
  private final boolean tlsOnConnect;
  private final java.util.function.Consumer<SSLSocket> configure;
  private final Thread thread;

  SmtpLikeServer(InetAddress bind, SSLSocketFactory tls, boolean tlsOnConnect) throws IOException {
    this(bind, tls, tlsOnConnect, s -> { });
  }

  /** {@code configure} sets each server-side TLS socket up before its handshake (client auth, protocols). */
  SmtpLikeServer(InetAddress bind, SSLSocketFactory tls, boolean tlsOnConnect,
      java.util.function.Consumer<SSLSocket> configure) throws IOException {
    this.configure = configure;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(bind, 0));
    this.tls = tls;
    this.tlsOnConnect = tlsOnConnect;
    this.thread = new Thread(this::serve, "smtp-like-test-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket accepted = server.accept()) {
        peers.add(accepted.getInetAddress());
        Socket s = accepted;
        if (tlsOnConnect) {
          s = upgrade(accepted);
        }
        session(s);
      } catch (IOException e) {
        // a client that hangs up or fails its handshake ends its session; the next one is served
      }
    }
  }

  private SSLSocket upgrade(Socket plain) throws IOException {
    SSLSocket s = (SSLSocket) tls.createSocket(plain, null, plain.getPort(), false);
    s.setUseClientMode(false);
    configure.accept(s);
    s.startHandshake();
    return s;
  }

  private void session(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = s.getOutputStream();
    write(out, "220 smtp.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      lines.add(line);
      if (line.startsWith("EHLO ")) {
        write(out, "250-smtp.test Hello " + line.substring(5) + "\r\n250-STARTTLS\r\n250 OK");
      } else if (line.equals("STARTTLS")) {
        write(out, "220 Ready");
        s = upgrade(s);
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
      } else if (line.equals("QUIT")) {
        write(out, "221 Bye");
        return;
      } else {
        write(out, "500 unknown command");
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8);
    w.print(text + "\r\n");
    w.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
