package io.netprobe.spi;

import java.util.Locale;

/**
 * The capabilities a backend can provide, each with its contract, its system property and the Maven artifact that
 * provides the default backend.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Capability {
  DNS(DnsBackend.class, "io.netprobe:netprobe-dns"),
  HTTP(HttpBackend.class, "io.netprobe:netprobe-http"),
  SOCKET_TABLE(SocketTableBackend.class, "io.netprobe:netprobe-sockets"),
  TCP_CONNECT(TcpConnectBackend.class, "io.netprobe:netprobe-sockets"),
  PING(PingBackend.class, "io.netprobe:netprobe-sockets"),
  TRACEROUTE(TracerouteBackend.class, "io.netprobe:netprobe-sockets"),
  TCP_CONVERSATION(TcpConversationBackend.class, "io.netprobe:netprobe-sockets"),
  GRPC_HEALTH(GrpcHealthBackend.class, "io.netprobe:netprobe-grpc"),
  DIAGNOSIS(DiagnosisEngine.class, "io.netprobe:netprobe-diagnose");

  /** {@link #values()} copies its array on every call; {@link #of} runs for every probe. */
  private static final Capability[] ALL = values();

  private final Class<? extends Backend> contract;
  private final String artifact;

  Capability(Class<? extends Backend> contract, String artifact) {
    this.contract = contract;
    this.artifact = artifact;
  }

  /** The backend interface for this capability. */
  public Class<? extends Backend> contract() {
    return contract;
  }

  /** The Maven coordinates ({@code groupId:artifactId}) of the module with the default backend. */
  public String artifact() {
    return artifact;
  }

  /** The system property that picks a backend by id, e.g. {@code netprobe.socket-table.backend}. */
  public String systemProperty() {
    return "netprobe." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".backend";
  }

  /** The capability whose contract is {@code type}. */
  public static Capability of(Class<? extends Backend> type) {
    for (Capability c : ALL) {
      if (c.contract == type) {
        return c;
      }
    }
    throw new IllegalArgumentException(type.getName() + " is not a netprobe backend contract");
  }
}
