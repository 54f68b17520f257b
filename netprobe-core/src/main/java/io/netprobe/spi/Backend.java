package io.netprobe.spi;

/**
 * What every backend has in common. A backend implements one capability interface ({@link DnsBackend},
 * {@link HttpBackend}, …) and is registered for {@link java.util.ServiceLoader} both in {@code module-info.java}
 * ({@code provides}) and in {@code META-INF/services}.
 *
 * <p>How a {@link io.netprobe.ProbeClient} chooses the backend for a capability, in this order:
 *
 * <ol>
 *   <li>the backend given to {@link io.netprobe.ProbeClient.Builder#backend(Backend)};
 *   <li>the backend whose {@link #id()} is named by the system property {@code netprobe.<capability>.backend}
 *       (for example {@code -Dnetprobe.dns.backend=dnsjava}; see {@link Capability#systemProperty()});
 *   <li>among the backends found by {@code ServiceLoader}, the available one with the highest {@link #priority()}.
 * </ol>
 *
 * <p>Implementations must be thread-safe: one instance serves every probe of a client, concurrently. A backend
 * found by {@code ServiceLoader} belongs to one client, which {@linkplain #close() closes} it when it is closed; a
 * backend given to the builder belongs to whoever made it.
 */
public interface Backend extends AutoCloseable {

  /** A short, stable, lower-case id such as {@code "dnsjava"}, {@code "netlink"} or {@code "fake"}. */
  String id();

  /** Higher wins when several backends for a capability are available. Real backends use 0–100, fakes -100. */
  default int priority() {
    return 0;
  }

  /**
   * Whether this backend can work here (operating system, native library, permissions it cannot do without). Must
   * be cheap and must not throw; it is asked once per client.
   */
  default boolean isAvailable() {
    return true;
  }

  /**
   * Releases what this backend holds (sockets, registrations, native handles) and completes its probes still in
   * flight as CANCELLED. Called once, by the owning client; must not throw. Default: nothing to release.
   */
  @Override
  default void close() {}
}
