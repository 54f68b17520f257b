package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.SystemResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The servers a query goes to: those it names (server host names resolved by the system resolver), or the
 * system's from resolv.conf. Immutable; thread-safe.
 *
 * @param servers the addresses to ask, in order; empty when none could be found
 * @param failure why there are none (or why a named server was dropped)
 */
record ServerList(List<InetSocketAddress> servers, @Nullable ProbeFailure failure) {

  static ServerList of(List<InetSocketAddress> named, Path resolvConf, Deadline deadline) {
    if (named.isEmpty()) {
      return new ServerList(ResolvConf.servers(resolvConf), ProbeFailure.of(FailureKind.NETWORK_ERROR,
          "no DNS servers: " + resolvConf + " lists no nameserver; name one with .server(…)"));
    }
    boolean resolved = true;
    for (InetSocketAddress s : named) {
      resolved &= !s.isUnresolved();
    }
    if (resolved) {
      return new ServerList(List.copyOf(named), null); // the usual case: addresses already, nothing to copy
    }
    List<InetSocketAddress> out = new ArrayList<>();
    ProbeFailure last = null;
    for (InetSocketAddress s : named) {
      if (!s.isUnresolved()) {
        out.add(s);
        continue;
      }
      SystemResolver.Resolution r = SystemResolver.resolve(Host.of(s.getHostString()), deadline);
      if (!r.ok()) {
        last = ProbeFailure.of(r.failure().kind(), "could not resolve the DNS server name " + s.getHostString()
            + ": " + r.failure().message(), r.failure().cause().orElse(null));
        continue;
      }
      for (InetAddress a : r.addresses()) {
        out.add(new InetSocketAddress(a, s.getPort()));
      }
    }
    return new ServerList(List.copyOf(out), last);
  }
}
