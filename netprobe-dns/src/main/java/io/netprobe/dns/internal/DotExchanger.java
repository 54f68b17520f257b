package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import io.netprobe.http.TlsInfo;
import io.netprobe.internal.ConnectFailures;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.Message;

/**
 * Asks one server over TLS (RFC 7858): a TCP connection from the source address if one was given, a TLS handshake
 * checked by {@link TlsTrust} (SNI = the {@code +tls-hostname} when given), the query with a two-byte length, and
 * the first message that answers it. Blocking: it runs on the engine's blocking executor; {@code opened} receives
 * the socket so that cancelling the lookup can close it. Stateless; thread-safe.
 */
final class DotExchanger {
  private DotExchanger() {}

  static Exchange exchange(InetSocketAddress server, @Nullable InetAddress local, WireQuery query, TlsTrust trust,
      Deadline deadline, Consumer<Socket> opened) {
    String where = Endpoints.describe(server);
    boolean sent = false;
    try (Socket tcp = new Socket()) {
      opened.accept(tcp);
      if (local != null) {
        tcp.bind(new InetSocketAddress(local, 0));
      }
      if (deadline.isExpired()) {
        return timeout(server, "connect", 0);
      }
      tcp.connect(server, deadline.remainingMillisForSocket());
      try (SSLSocket tls = (SSLSocket) trust.context().getSocketFactory().createSocket(tcp,
          server.getAddress().getHostAddress(), server.getPort(), true)) {
        SSLParameters p = tls.getSSLParameters();
        trust.serverName().ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
        p.setApplicationProtocols(new String[] {"dot"});
        tls.setSSLParameters(p);
        tls.setSoTimeout(Math.max(1, deadline.remainingMillisForSocket()));
        tls.startHandshake();
        TlsInfo info = trust.info(tls.getSession(), tls.getApplicationProtocol(),
            server.getAddress().getHostAddress());
        byte[] frame = new byte[2 + query.size()];
        frame[0] = (byte) (query.size() >> 8);
        frame[1] = (byte) query.size();
        System.arraycopy(query.wire(), 0, frame, 2, query.size());
        long sentAt = System.nanoTime();
        OutputStream out = tls.getOutputStream();
        out.write(frame);
        out.flush();
        sent = true;
        DataInputStream in = new DataInputStream(tls.getInputStream());
        String ignored = null;
        while (true) {
          if (deadline.isExpired()) {
            return new Exchange.NoAnswer(server, UdpExchanger.silence(server, 1, ignored), 1);
          }
          tls.setSoTimeout(Math.max(1, deadline.remainingMillisForSocket()));
          int size = in.readUnsignedShort();
          byte[] body = new byte[size];
          in.readFully(body);
          long arrived = System.nanoTime();
          Message response;
          try {
            response = new Message(body);
          } catch (IOException malformed) {
            return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, where
                + " sent a malformed message of " + size + " bytes over TLS (" + Endpoints.reason(malformed) + ")",
                malformed), 1);
          }
          String mismatch = query.mismatch(response);
          if (mismatch != null) {
            ignored = "a reply with " + mismatch;
            continue;
          }
          return new Exchange.Answered(server, response, size, Duration.ofNanos(arrived - sentAt),
              DnsTransport.TLS, 1, Optional.of(info));
        }
      }
    } catch (SocketTimeoutException e) {
      return timeout(server, sent ? "answer" : "handshake", sent ? 1 : 0);
    } catch (EOFException e) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.CONNECTION_RESET, where
          + " closed the TLS connection before answering", e), sent ? 1 : 0);
    } catch (IOException e) {
      ProbeFailure tlsFailure = TlsTrust.failure(e, where);
      if (tlsFailure != null) {
        return new Exchange.NoAnswer(server, tlsFailure, 0);
      }
      return new Exchange.NoAnswer(server, socketFailure(e, server, local, "TLS"), sent ? 1 : 0);
    }
  }

  private static Exchange timeout(InetSocketAddress server, String what, int sent) {
    if (sent > 0) {
      return new Exchange.NoAnswer(server, UdpExchanger.silence(server, sent, null), sent);
    }
    return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TIMEOUT, "could not " + (what.equals("connect")
        ? "connect to " : "finish the TLS handshake with ") + Endpoints.describe(server) + " before the deadline"),
        0);
  }

  /** A failure of the socket itself: a source address the machine does not have, refused, unreachable, … */
  static ProbeFailure socketFailure(IOException e, InetSocketAddress server, @Nullable InetAddress local,
      String over) {
    if (e instanceof java.net.BindException && local != null) {
      return SourceAddress.notOwned(local, e);
    }
    FailureKind kind = ConnectFailures.kind(e);
    String what = kind == FailureKind.CONNECTION_REFUSED ? ": connection refused over " + over
        : " over " + over + ": " + e.getMessage();
    return ProbeFailure.of(kind, "communications error to " + Endpoints.describe(server) + what, e);
  }
}
