package io.netprobe.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.util.List;

/**
 * Resolves a host and picks the one address a probe with an {@link IpPreference} connects to (blackbox_exporter's
 * {@code preferred_ip_protocol} and {@code ip_protocol_fallback}). Stateless; thread-safe.
 */
public final class PreferredAddress {
  /** A name lookup: the system resolver in production, a fake in tests. */
  @FunctionalInterface
  public interface Resolver {
    SystemResolver.Resolution resolve(Host host, Deadline deadline);
  }

  /** A name lookup without a thread waiting for it: {@code AsyncResolver} on the engine in production. */
  @FunctionalInterface
  public interface AsyncLookup {
    java.util.concurrent.CompletableFuture<SystemResolver.Resolution> resolve(Host host, Deadline deadline);
  }

  private PreferredAddress() {}

  /**
   * {@code all} ({@code host}'s lookup, already made) narrowed to the one address {@code preference} chooses when
   * there is one; literals are narrowed too, so that {@code ping -6 127.0.0.1} fails as ping's does.
   */
  public static SystemResolver.Resolution choose(Host host, java.util.Optional<IpPreference> preference,
      SystemResolver.Resolution all) {
    return preference.isEmpty() ? all : choose(host, preference.get(), all);
  }

  /**
   * The address chosen for {@code host}: a resolution with exactly that address, or a failure (the resolver's, or
   * NAME_NOT_FOUND when the name has no address of an acceptable family). The chosen address comes first; the
   * others the name resolved to are not tried.
   */
  public static SystemResolver.Resolution choose(Host host, IpPreference preference, Deadline deadline,
      Resolver resolver) {
    return choose(host, preference, resolver.resolve(host, deadline));
  }

  /** {@link #choose(Host, IpPreference, Deadline, Resolver)} among {@code all}, {@code host}'s lookup already made. */
  public static SystemResolver.Resolution choose(Host host, IpPreference preference, SystemResolver.Resolution all) {
    if (!all.ok()) {
      return all;
    }
    List<InetAddress> found = all.addresses();
    return preference.choose(found).map(a -> new SystemResolver.Resolution(List.of(a), null))
        .orElseGet(() -> new SystemResolver.Resolution(List.of(), ProbeFailure.of(FailureKind.NAME_NOT_FOUND,
            preference.noAddressMessage(host.ascii(), found))));
  }
}
