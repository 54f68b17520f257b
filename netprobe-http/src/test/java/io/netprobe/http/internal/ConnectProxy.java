package io.netprobe.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP CONNECT proxy for tests, on loopback: reads the CONNECT request head, answers 407 without the expected
 * {@code Proxy-Authorization}, else connects to the target and copies bytes both ways. Records each request head.
 * Thread-safe for reading the records.
 */
final class ConnectProxy implements AutoCloseable {
  final List<String> heads = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private final String expectedAuthorization;

  ConnectProxy(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    this.server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(this::serve, "connect-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> tunnel(client), "connect-proxy-tunnel");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void tunnel(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      heads.add(head);
      OutputStream out = client.getOutputStream();
      if (!head.contains("Proxy-Authorization: " + expectedAuthorization)) {
        out.write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
            .concat("Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String[] target = head.split(" ")[1].split(":");
      try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread back = new Thread(() -> copy(upstream, client), "connect-proxy-back");
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
        back.join(2000);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the probe sees a closed tunnel; the test asserts on what it got
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException done) {
      // one side closed
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
