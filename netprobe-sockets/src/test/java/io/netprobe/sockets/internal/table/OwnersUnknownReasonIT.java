package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why owners are unknown, seen from child JVMs that cannot see this (root) test JVM's fds: one running as user
 * nobody (PERMISSION_DENIED), one in a new PID namespace with its own /proc (OTHER_PID_NAMESPACE). Both still list
 * the socket: sock_diag needs no privilege and the network namespace is shared.
 */
class OwnersUnknownReasonIT {
  private ServerSocketChannel listener;
  private int port;
  private Path copy;

  @BeforeEach
  void listen() throws IOException {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "Linux only");
    assumeTrue(ChildProcesses.isRoot(), "needs root to start children as another user or in a PID namespace");
    listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
    listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
  }

  @AfterEach
  void close() throws IOException {
    if (listener != null) {
      listener.close();
    }
    if (copy != null) {
      try (Stream<Path> files = Files.walk(copy)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anotherUserCannotReadRootsFdsAndIsToldSo() throws IOException {
    assumeTrue(ChildProcesses.installed("setpriv"), "setpriv is not installed (apt-get install util-linux)");
    List<Path> classPath = readableCopyOfClassPath();
    String line = ourLine(ChildProcesses.run(ChildProcesses.concat(
        List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
        ChildProcesses.listingCommand(classPath, "netlink", "-Djna.tmpdir=" + copy.resolve("jna"),
            "-Djava.io.tmpdir=" + copy.resolve("jna")))));
    assertThat(line).contains("owners=-").endsWith("reason=PERMISSION_DENIED");
  }

  @Test
  void aProcessInAnotherPidNamespaceIsToldSo() {
    assumeTrue(ChildProcesses.installed("unshare"), "unshare is not installed (apt-get install util-linux)");
    String line = ourLine(ChildProcesses.run(ChildProcesses.concat(
        List.of("unshare", "--pid", "--fork", "--mount-proc"),
        ChildProcesses.listingCommand(ChildProcesses.listingClassPath(), "netlink"))));
    assertThat(line).contains("owners=-").endsWith("reason=OTHER_PID_NAMESPACE");
  }

  private String ourLine(List<String> out) {
    assertThat(out).last().asString().startsWith("source ");
    List<String> ours = out.stream().filter(l -> l.startsWith("tcp 127.0.0.1 " + port + " ")).toList();
    assertThat(ours).as("the child lists this JVM's listener: %s", out).hasSize(1);
    return ours.get(0);
  }

  /** The class path copied where user nobody can read it (the build's files may sit under /root). */
  private List<Path> readableCopyOfClassPath() throws IOException {
    copy = Files.createTempDirectory("netprobe-cp");
    Files.createDirectories(copy.resolve("jna"));
    List<Path> paths = new ArrayList<>();
    int i = 0;
    for (Path source : ChildProcesses.listingClassPath()) {
      Path target = copy.resolve(i++ + "-" + source.getFileName());
      try (Stream<Path> files = Files.walk(source)) {
        files.forEach(p -> {
          try {
            Files.copy(p, target.resolve(source.relativize(p).toString()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      paths.add(target);
    }
    try (Stream<Path> files = Files.walk(copy)) {
      files.forEach(p -> p.toFile().setReadable(true, false));
    }
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> files = Files.walk(copy)) {
      files.filter(Files::isDirectory).forEach(p -> p.toFile().setExecutable(true, false));
    }
    copy.resolve("jna").toFile().setWritable(true, false);
    return paths;
  }
}
