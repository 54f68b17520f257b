package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.SocketOwner;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the sockets a {@link SocketTableReader} found into the result: owners from the {@link OwnerIndex} when
 * asked, exposure from address and device, the query's filters, the documented order, and every failure as a
 * value. Stateless apart from the owner index it is given; thread-safe.
 */
final class SocketTableListing {
  private final OwnerIndex owners;

  SocketTableListing(OwnerIndex owners) {
    this.owners = owners;
  }

  /** The failure of a listing on a platform without a socket table this backend can read. */
  static ListeningSocketsResult unsupported(ListeningSocketsSpec query, String backend, Instant started,
      Deadline deadline, String why) {
    return ListeningSocketsResult.failed(query, ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, why), backend,
        started, deadline.elapsed());
  }

  /** Reads with the first reader that works, in order; the result's source names the one used. */
  ListeningSocketsResult list(ListeningSocketsSpec query, Deadline deadline, String backend,
      List<SocketTableReader> readers) {
    Instant started = Instant.now();
    List<RawSocket> raw = new ArrayList<>();
    String source = null;
    List<String> problems = new ArrayList<>();
    try {
      for (SocketTableReader reader : readers) {
        raw.clear();
        try {
          reader.read(query, deadline, raw);
          source = reader.source();
          break;
        } catch (IOException e) {
          problems.add(reader.source() + ": " + e.getMessage());
        }
      }
      if (source == null) {
        return ListeningSocketsResult.failed(query, ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM,
            "no socket table could be read (" + String.join("; ", problems) + ")"), backend, started,
            deadline.elapsed());
      }
      OwnerIndex.Lookup lookup = null;
      if (query.owners()) {
        List<Long> inodes = new ArrayList<>(raw.size());
        for (RawSocket s : raw) {
          inodes.add(s.inode());
        }
        lookup = owners.lookup(inodes, deadline);
      }
      List<ListeningSocket> sockets = new ArrayList<>(raw.size());
      Map<Integer, Optional<String>> devices = new HashMap<>();
      for (RawSocket s : raw) {
        ListeningSocket socket = toListeningSocket(s, lookup, devices);
        if (query.matches(socket)) {
          sockets.add(socket);
        }
      }
      sockets.sort(ListeningSocket.TABLE_ORDER);
      return ListeningSocketsResult.success(query, sockets, source, backend, started, deadline.elapsed());
    } catch (DeadlinePassedException e) {
      return ListeningSocketsResult.failed(query, ProbeFailure.of(FailureKind.TIMEOUT, e.getMessage()
          + " (timeout " + query.timeout().toMillis() + " ms)"), backend, started, deadline.elapsed());
    }
  }

  private static ListeningSocket toListeningSocket(RawSocket s, OwnerIndex.Lookup lookup,
      Map<Integer, Optional<String>> devices) {
    Optional<String> device = s.interfaceIndex() == 0 ? Optional.empty()
        : devices.computeIfAbsent(s.interfaceIndex(), SocketTableListing::deviceName);
    List<SocketOwner> found = List.of();
    Optional<String> unknownReason = Optional.empty();
    if (lookup != null) {
      found = lookup.owners().getOrDefault(s.inode(), List.of());
      if (found.isEmpty()) {
        unknownReason = lookup.unknownReason().map(r -> r.description());
      }
    }
    return new ListeningSocket(s.protocol(), s.family(), s.address(), s.port(),
        ListeningSocket.exposureOf(s.address(), device), s.receiveQueue(), s.sendQueue(), found, unknownReason,
        s.uid(), s.inode(), device, s.v6Only());
  }

  /** The name of interface {@code index} in this network namespace ({@code if7} when it is gone). */
  private static Optional<String> deviceName(int index) {
    try {
      NetworkInterface nic = NetworkInterface.getByIndex(index);
      return Optional.of(nic == null ? "if" + index : nic.getName());
    } catch (SocketException e) {
      return Optional.of("if" + index);
    }
  }
}
