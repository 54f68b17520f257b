package io.netprobe.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A DNS over TLS server on a free 127.0.0.1 port that requires a client certificate signed by its own CA (unbound
 * cannot require one): the server's certificate names {@code dot.test}; every query is answered with its question
 * and one A record {@code 192.0.2.53}. It writes {@link #ca}, a client certificate {@link #clientCert} and key
 * {@link #clientKey} (PKCS#8) into a directory, and records the subject of each client and the connections it
 * accepted (one handshake each, failed or not). Thread-safe.
 */
public final class MutualTlsDnsServer implements AutoCloseable {
  /** The CA that signed the server's and the client's certificates (PEM). */
  public final Path ca;
  /** A client certificate the server accepts (PEM). */
  public final Path clientCert;
  /** Its key (PKCS#8 PEM). */
  public final Path clientKey;
  /** Connections accepted so far. */
  public final AtomicInteger accepted = new AtomicInteger();
  /** The subject of each client that completed a handshake, e.g. {@code CN=probe}. */
  public final List<String> clients = new CopyOnWriteArrayList<>();
  private final SSLServerSocket socket;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "mutual-dot");
    t.setDaemon(true);
    return t;
  });

  private MutualTlsDnsServer(Path dir) throws IOException {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("dot root").build();
    HeldCertificate server = new HeldCertificate.Builder().commonName("dot.test").addSubjectAlternativeName(
        "dot.test").signedBy(root).build();
    HeldCertificate client = new HeldCertificate.Builder().commonName("probe").signedBy(root).build();
    ca = Files.writeString(dir.resolve("dot-ca.pem"), root.certificatePem());
    clientCert = Files.writeString(dir.resolve("dot-client.pem"), client.certificatePem());
    clientKey = Files.writeString(dir.resolve("dot-client.key"), client.privateKeyPkcs8Pem());
    HandshakeCertificates certificates = new HandshakeCertificates.Builder().heldCertificate(server)
        .addTrustedCertificate(root.certificate()).build();
    socket = (SSLServerSocket) certificates.sslContext().getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getLoopbackAddress());
    socket.setNeedClientAuth(true);
    pool.execute(this::accept);
  }

  /** Starts a server whose certificates are written into {@code dir}. */
  public static MutualTlsDnsServer start(Path dir) throws IOException {
    return new MutualTlsDnsServer(dir);
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        SSLSocket s = (SSLSocket) socket.accept();
        accepted.incrementAndGet();
        pool.execute(() -> serve(s));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SSLSocket s) {
    try (s) {
      s.startHandshake();
      clients.add(((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        byte[] answer = answer(query);
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException endOrRefused) {
      // the client left, or its handshake failed (no certificate)
    }
  }

  /** The query's header and question, one answer (a pointer to the question's name, A IN 300 192.0.2.53). */
  private static byte[] answer(byte[] query) throws IOException {
    int end = 12;
    while (query[end] != 0) {
      end += (query[end] & 0xff) + 1;
    }
    end += 5; // the root label, type, class
    byte[] out = new byte[end + 16];
    System.arraycopy(query, 0, out, 0, end);
    out[2] = (byte) (0x80 | (query[2] & 0x01)); // QR, RD as asked
    out[3] = (byte) 0x80; // RA, NOERROR
    out[4] = 0;
    out[5] = 1; // one question
    out[6] = 0;
    out[7] = 1; // one answer
    for (int i = 8; i < 12; i++) {
      out[i] = 0; // no authority, no additional (the query's EDNS record is dropped)
    }
    byte[] rr = {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, (byte) 192, 0, 2, 53};
    System.arraycopy(rr, 0, out, end, rr.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    pool.shutdownNow();
  }
}
