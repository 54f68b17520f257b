package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.http.HttpProxy;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.AsyncResolver;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.spi.ProbeEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * The first step of an exchange on the engine: where to connect, as OkHttp finds it — the proxy's host or the URL's,
 * its pinned addresses ({@code resolve}), a literal as it is (no lookup events), else the system resolver asked
 * without a thread ({@link AsyncResolver}) — and whether to race the addresses (OkHttp's fast fallback, when the
 * URL's host may have several: a name, or several pinned). Stateless; thread-safe.
 */
final class ExchangeLookup {
  /** What the exchange is told, on its loop. */
  interface Next {
    /** The addresses to connect to, and whether to race them. */
    void connectTo(List<InetAddress> addresses, boolean race);

    /** The system resolver answered (for the classifier, whatever the answer). */
    void lookedUp(DeadlineDns dns);

    /** The name has no address. */
    void unknown(UnknownHostException e, DeadlineDns dns);
  }

  private ExchangeLookup() {}

  /**
   * @param onLoop runs a task on the exchange's loop
   * @param over whether the exchange has ended meanwhile (then nothing more is said)
   */
  static void start(HttpExchangeRequest request, @Nullable HttpProxy proxy, Deadline deadline, ProbeEngine engine,
      PhaseRecorder phases, Consumer<Runnable> onLoop, BooleanSupplier over, Next next) {
    InetAddress scoped = proxy == null ? ScopedTarget.address(request.url()) : null;
    if (scoped != null) {
      next.connectTo(List.of(scoped), false); // a link-local address with its zone: no lookup, one address
      return;
    }
    Map<String, List<InetAddress>> fixed = request.options().resolve();
    String urlHost = bare(request.url().getHost());
    List<InetAddress> urlPinned = fixed.get(urlHost.toLowerCase(Locale.ROOT));
    boolean race = urlPinned != null ? urlPinned.size() > 1 : !Host.of(urlHost).isLiteral();
    String host = proxy != null ? proxy.host().ascii() : urlHost;
    List<InetAddress> pinned = fixed.get(host.toLowerCase(Locale.ROOT));
    Host parsed = proxy != null ? proxy.host() : Host.of(host);
    if (pinned != null) {
      phases.dnsEnd(null, host, pinned);
      next.connectTo(pinned, race);
      return;
    }
    if (parsed.literal().isPresent()) {
      next.connectTo(List.of(parsed.literal().get()), race); // OkHttp looks no literal up: no lookup events
      return;
    }
    AsyncResolver.resolve(parsed, deadline, engine).whenComplete((resolution, error) -> onLoop.accept(() -> {
      SystemResolver.Resolution r = SystemResolver.outcome(parsed, resolution, error);
      DeadlineDns looked = new DeadlineDns(fixed, (h, d) -> r, deadline);
      next.lookedUp(looked);
      if (over.getAsBoolean()) {
        return;
      }
      try {
        List<InetAddress> found = looked.lookup(host);
        phases.dnsEnd(null, host, found);
        next.connectTo(found, race);
      } catch (UnknownHostException e) {
        next.unknown(e, looked);
      }
    }));
  }

  /** A host without the brackets of an IPv6 literal in a URL. */
  static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
