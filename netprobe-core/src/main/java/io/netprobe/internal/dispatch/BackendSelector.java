package io.netprobe.internal.dispatch;

import io.netprobe.spi.Backend;
import io.netprobe.spi.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Chooses the backend for a capability: explicit backend, then the system property, then the available
 * ServiceLoader provider with the highest priority (see {@link Backend}). The one place where this happens.
 * Stateless; thread-safe.
 */
public final class BackendSelector {
  private BackendSelector() {}

  /**
   * @throws IllegalStateException when no backend for the capability is on the class path, or the system property
   *     names one that is not there
   * @throws BackendUnavailableException when backends exist but none can work here
   */
  public static <B extends Backend> B select(Capability capability, Class<B> type, @Nullable Backend explicit) {
    if (explicit != null) {
      return type.cast(explicit);
    }
    List<B> found = load(type);
    String wanted = System.getProperty(capability.systemProperty());
    if (wanted != null && !wanted.isBlank()) {
      for (B b : found) {
        if (b.id().equals(wanted.trim())) {
          return b;
        }
      }
      throw new IllegalStateException(capability.systemProperty() + "=" + wanted + " names no backend on the class path"
          + " (found: " + ids(found) + ")");
    }
    if (found.isEmpty()) {
      // netprobe-testing fakes the transports; the diagnosis has no fake, its engine runs on faked probes
      String fakes = capability == Capability.DIAGNOSIS ? "" : " (or io.netprobe:netprobe-testing for fakes)";
      throw new IllegalStateException("No " + type.getSimpleName() + " on the class path: add the dependency "
          + capability.artifact() + fakes);
    }
    List<B> available = new ArrayList<>();
    for (B b : found) {
      if (safeIsAvailable(b)) {
        available.add(b);
      }
    }
    if (available.isEmpty()) {
      throw new BackendUnavailableException("No " + type.getSimpleName() + " can work on this platform ("
          + System.getProperty("os.name") + "); found but unavailable: " + ids(found));
    }
    available.sort(Comparator.comparingInt((B b) -> b.priority()).reversed().thenComparing(Backend::id));
    return available.get(0);
  }

  private static <B extends Backend> List<B> load(Class<B> type) {
    List<B> out = new ArrayList<>();
    ServiceLoader<B> loader = ServiceLoader.load(type, BackendSelector.class.getClassLoader());
    var it = loader.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError | LinkageError broken) {
        // a provider that cannot load (missing native library, missing optional dependency) is skipped
      }
    }
    if (out.isEmpty() && BackendSelector.class.getClassLoader() != Thread.currentThread().getContextClassLoader()) {
      ServiceLoader.load(type).forEach(out::add);
    }
    return out;
  }

  private static boolean safeIsAvailable(Backend b) {
    try {
      return b.isAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static String ids(List<? extends Backend> backends) {
    return backends.isEmpty() ? "none" : backends.stream().map(Backend::id).collect(Collectors.joining(", "));
  }
}
