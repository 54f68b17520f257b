package io.netprobe.dns.internal;

import io.netprobe.internal.net.HostParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's DNS servers, read from {@code /etc/resolv.conf} ({@code nameserver} lines, port 53, in order) each
 * time they are asked for, so that a changed file takes effect at once. Stateless; thread-safe.
 */
final class ResolvConf {
  static final Path DEFAULT = Path.of("/etc/resolv.conf");

  private ResolvConf() {}

  /** The servers listed in {@code file}; empty when the file is missing, unreadable or lists none. */
  static List<InetSocketAddress> servers(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
    return parse(lines);
  }

  static List<InetSocketAddress> parse(List<String> lines) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 2 || !f[0].equals("nameserver")) {
        continue;
      }
      InetAddress address = literal(f[1]);
      if (address != null) {
        out.add(new InetSocketAddress(address, 53));
      }
    }
    return List.copyOf(out);
  }

  private static InetAddress literal(String text) {
    String bare = text.indexOf('%') >= 0 ? text.substring(0, text.indexOf('%')) : text;
    if (bare.indexOf(':') >= 0) {
      try {
        return InetAddress.getByName(bare); // a literal with ':' is never looked up
      } catch (IOException e) {
        return null;
      }
    }
    return HostParser.parseIpv4(bare);
  }
}
