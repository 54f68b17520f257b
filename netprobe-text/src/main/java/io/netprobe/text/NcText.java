package io.netprobe.text;

import io.netprobe.sockets.TcpConnectResult;
import java.util.List;
import java.util.Locale;

/**
 * {@code nc -zv}'s text for a {@link TcpConnectResult}, a port sweep's text, and the one-line summary. Stateless;
 * thread-safe.
 */
public final class NcText {
  private NcText() {}

  /** nc's verdict on one port, {@link #connectLine} with a newline. */
  public static String render(TcpConnectResult r) {
    return connectLine(r) + "\n";
  }

  /**
   * nc's verdict on one port: {@code Connection to example.com (192.0.2.1) 443 port [tcp] succeeded! (0.412 ms)},
   * or {@code connect to example.com port 443 (tcp) failed: CONNECTION_REFUSED: …}.
   */
  public static String connectLine(TcpConnectResult r) {
    String host = r.query().host().ascii();
    if (r.failure().isEmpty()) {
      return "Connection to " + host + " (" + r.address().map(Formats::address).orElse(host) + ") "
          + r.query().port() + " port [tcp] succeeded! (" + Formats.ms(r.connectTime().orElse(r.elapsed())) + " ms)";
    }
    return "connect to " + host + " port " + r.query().port() + " (tcp) failed: "
        + Formats.failure(r.failure().get());
  }

  /**
   * A sweep of ports on one host: the {@link #connectLine} of each open port, then
   * {@code 2 of 1024 ports open on 192.0.2.1}, each line ending in a newline. The results are printed in the order
   * given.
   *
   * @throws IllegalArgumentException when {@code results} is empty
   */
  public static String render(List<TcpConnectResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one result, was none");
    }
    StringBuilder sb = new StringBuilder();
    long open = 0;
    for (TcpConnectResult r : results) {
      if (r.isSuccess()) {
        sb.append(connectLine(r)).append('\n');
        open++;
      }
    }
    TcpConnectResult first = results.get(0);
    return sb.append(String.format(Locale.ROOT, "%d of %d ports open on %s\n", open, results.size(),
        first.address().map(Formats::address).orElse(first.query().host().input()))).toString();
  }

  /** One line: {@code connected to 192.0.2.1:443 in 0.4 ms}, or {@code 192.0.2.1:443 — CONNECTION_REFUSED: …}. */
  public static String summary(TcpConnectResult r) {
    String where = r.address().map(Formats::address).orElse(r.query().host().ascii()) + ":" + r.query().port();
    if (r.failure().isEmpty()) {
      return "connected to " + where + " in " + Formats.millis(r.connectTime().orElse(r.elapsed()));
    }
    return where + " — " + Formats.failure(r.failure().get());
  }
}
