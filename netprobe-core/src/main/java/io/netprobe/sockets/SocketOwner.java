package io.netprobe.sockets;

/**
 * A process that holds a socket open: what {@code ss -p} prints as {@code users:(("python",pid=812,fd=3))}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the process id, in the PID namespace of the probing process
 * @param name the process name ({@code /proc/PID/comm})
 * @param fd the file descriptor number in that process
 */
public record SocketOwner(long pid, String name, int fd) {
  public SocketOwner {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive, was " + pid);
    }
    if (fd < 0) {
      throw new IllegalArgumentException("fd must not be negative, was " + fd);
    }
    java.util.Objects.requireNonNull(name, "name");
  }
}
