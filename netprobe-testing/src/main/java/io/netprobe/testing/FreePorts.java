package io.netprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports that were free a moment ago, for integration tests that start a real server (nginx, NSD) or need a
 * port nobody listens on. Another process may take the port between this call and its use; tests accept that small
 * race. Within one JVM a port is handed out once only: the kernel may offer a just-closed port again, and a test
 * that asks for a server port and a closed port must not get the same one twice. Thread-safe.
 */
public final class FreePorts {
  private static final int ATTEMPTS = 20;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A TCP port on 127.0.0.1 that nothing listens on: connecting to it is refused until someone binds it. */
  public static int tcp() {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException("no free TCP port on 127.0.0.1 not handed out before, in " + ATTEMPTS + " tries",
        last == null ? new IOException("every port offered had been handed out") : last);
  }

  /** A port on 127.0.0.1 that is free for both TCP and UDP, as a DNS server needs. */
  public static int tcpAndUdp() {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(udp.getLocalPort())) {
          return udp.getLocalPort();
        }
      } catch (IOException taken) {
        last = taken; // the UDP side of that port is in use: try another
      }
    }
    throw new UncheckedIOException("no port free for both TCP and UDP on 127.0.0.1 in " + ATTEMPTS + " tries", last);
  }
}
