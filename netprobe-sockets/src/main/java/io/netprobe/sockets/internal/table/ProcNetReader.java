package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.TransportProtocol;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code /proc/net/{tcp,tcp6,udp,udp6}} (of this process's network namespace), the JDK-only source. Costs
 * O(all sockets): the kernel formats every socket, established and TIME-WAIT included, at most one page per
 * {@code read()}. Gives no listen backlog, no v6only and no bound device. Thread-safe.
 */
final class ProcNetReader implements SocketTableReader {
  static final String SOURCE = "procfs";

  private final Path netDirectory;
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

  /** @param netDirectory {@code /proc/net}, or {@code /proc/PID/net} for another process's network namespace */
  ProcNetReader(Path netDirectory) {
    this.netDirectory = netDirectory;
  }

  /** Whether the tables exist here (Linux, or a compatible /proc). */
  boolean isAvailable() {
    return Files.isReadable(netDirectory.resolve("tcp"));
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public void read(ListeningSocketsSpec query, Deadline deadline, List<RawSocket> into)
      throws IOException, DeadlinePassedException {
    int port = query.port().orElse(0);
    for (TransportProtocol protocol : TransportProtocol.values()) {
      for (AddressFamily family : AddressFamily.values()) {
        if (!query.protocols().contains(protocol) || !query.families().contains(family)) {
          continue;
        }
        if (deadline.isExpired()) {
          throw new DeadlinePassedException("reading " + netDirectory);
        }
        String name = (protocol == TransportProtocol.TCP ? "tcp" : "udp") + (family == AddressFamily.IPV6 ? "6" : "");
        Path file = netDirectory.resolve(name);
        byte[] text;
        int length;
        try (InputStream in = new FileInputStream(file.toFile())) {
          text = buffers.get();
          length = 0;
          int n;
          while ((n = in.read(text, length, text.length - length)) > 0) {
            length += n;
            if (length == text.length) {
              text = Arrays.copyOf(text, text.length * 2);
              buffers.set(text);
            }
          }
        } catch (FileNotFoundException e) {
          if (family == AddressFamily.IPV6 && Files.exists(netDirectory.resolve(protocol == TransportProtocol.TCP
              ? "tcp" : "udp"))) {
            continue; // IPv6 is disabled in this kernel: no IPv6 sockets
          }
          throw e;
        }
        try {
          ProcNetParser.parse(text, length, protocol, family, ByteOrder.nativeOrder(), port, into);
        } catch (ProcNetParser.MalformedLineException e) {
          throw new IOException(file + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
