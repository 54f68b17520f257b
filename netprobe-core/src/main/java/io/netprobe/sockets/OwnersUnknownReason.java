package io.netprobe.sockets;

import java.util.Optional;

/**
 * Why the owning processes of a listening socket could not be named. {@link ListeningSocket#ownersUnknownReason()}
 * carries the {@link #description()} of one of these; {@link ListeningSocket#ownersUnknownKind()} gives it back as
 * the enum.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum OwnersUnknownReason {
  /**
   * Some processes' {@code /proc/PID/fd} could not be read (another user's process, or one with more capabilities
   * than this one): run as root, or with {@code CAP_SYS_PTRACE}, to see them.
   */
  PERMISSION_DENIED("permission denied: the owner is among processes whose /proc/PID/fd this user cannot read"),
  /**
   * This process runs in a nested PID namespace (a container) and the owner is outside it: the socket is visible in
   * the shared network namespace, its process is not.
   */
  OTHER_PID_NAMESPACE("the owner runs in another PID namespace (this process is in a container)"),
  /**
   * No visible process holds the socket: a kernel socket (nfsd, WireGuard…), or its process exited during the
   * listing.
   */
  NO_PROCESS("no visible process holds it (kernel socket, or its process just exited)");

  private final String description;

  OwnersUnknownReason(String description) {
    this.description = description;
  }

  /** The reason in one English sentence; this is the text of {@link ListeningSocket#ownersUnknownReason()}. */
  public String description() {
    return description;
  }

  /** The reason whose {@link #description()} is {@code text}, if any. */
  public static Optional<OwnersUnknownReason> fromDescription(String text) {
    for (OwnersUnknownReason r : values()) {
      if (r.description.equals(text)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
