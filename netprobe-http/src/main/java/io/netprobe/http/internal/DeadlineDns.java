package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.SystemResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import okhttp3.Dns;

/**
 * Name resolution for one exchange: fixed addresses from {@code resolve()} first (curl's {@code --resolve}), else the
 * system resolver bounded by the probe's deadline. The typed failure of a failed lookup is kept for the classifier.
 *
 * <p>Thread-safe.
 */
final class DeadlineDns implements Dns {
  /** Resolves a name within a deadline; {@link SystemResolver#resolve} in production. */
  interface Resolver {
    SystemResolver.Resolution resolve(Host host, Deadline deadline);
  }

  private final Map<String, List<InetAddress>> fixed;
  private final Resolver resolver;
  private final Deadline deadline;
  private volatile @Nullable ProbeFailure failure;

  DeadlineDns(Map<String, List<InetAddress>> fixed, Resolver resolver, Deadline deadline) {
    this.fixed = fixed;
    this.resolver = resolver;
    this.deadline = deadline;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> pinned = fixed.get(hostname.toLowerCase(Locale.ROOT));
    if (pinned != null) {
      return pinned;
    }
    SystemResolver.Resolution resolution = resolver.resolve(Host.of(hostname), deadline);
    if (!resolution.ok()) {
      failure = resolution.failure();
      throw new UnknownHostException(resolution.failure().message());
    }
    return resolution.addresses();
  }

  /** Why the lookup failed, when it did. */
  @Nullable ProbeFailure failure() {
    return failure;
  }
}
