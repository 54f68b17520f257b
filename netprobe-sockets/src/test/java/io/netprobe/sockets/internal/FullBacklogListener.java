package io.netprobe.sockets.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A silent TCP peer on loopback: a listener with a backlog of one whose accept queue is filled, so Linux drops further
 * SYNs (tcp_abort_on_overflow=0) and connects to it hang until their deadline, with nothing sent off the machine.
 * Closing it closes the listener and the sockets that filled it. Not thread-safe.
 */
final class FullBacklogListener implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  FullBacklogListener(InetAddress address) throws IOException {
    listener = new ServerSocket(0, 1, address);
    for (int i = 0; i < 8; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(address, listener.getLocalPort()), 200);
        fillers.add(s);
      } catch (IOException queueFull) {
        s.close();
        break;
      }
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    listener.close();
  }
}
