package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.OwnersUnknownReason;
import io.netprobe.sockets.SocketOwner;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * Finds the processes that hold sockets, like {@code ss -p}: which {@code /proc/PID/fd/N} links to
 * {@code socket:[inode]}. Linux offers no inode-to-pid index, so the first lookup reads every fd link of every
 * process; later lookups reuse what it found and stay correct by checking, on each call:
 *
 * <ul>
 *   <li>the list of processes: a pid that is new, or whose {@code /proc/PID} directory is not the same one as before
 *       (the pid was reused), has its fds read again; vanished pids are forgotten;
 *   <li>each cached owner of a wanted socket, with one {@code readlink}: a process whose link changed has all its fds
 *       read again;
 *   <li>sockets still without owner: every process is read again, unless the socket was already ownerless after the
 *       last full read and no process has appeared since without being read (a kernel socket, or one held by a
 *       process this user may not inspect, would otherwise force a full read on every call).
 * </ul>
 *
 * <p>What this cannot see without a full read: an fd to an already-known socket received by an old process through
 * {@code SCM_RIGHTS} or {@code dup()} (a new owner of a socket that has one). Thread-safe: lookups are serialized,
 * and a lookup waits for another one only until its own deadline.
 */
final class OwnerIndex {

  /** The owners found for each wanted inode that has any, and why the others have none. */
  record Lookup(Map<Long, List<SocketOwner>> owners, Optional<OwnersUnknownReason> unknownReason) {}

  private record FdRef(long pid, int fd) {}

  /** Which {@code /proc/PID} directory a pid had: a reused pid gets a new directory inode and time. */
  private record Identity(@Nullable Object fileKey, FileTime modified) {}

  /** The socket fds of one process as last read. */
  private record ProcessFds(Identity identity, long[] inodes, int[] fds, boolean denied) {}

  /** Serializes lookups; package-private so a test can hold it. */
  final ReentrantLock lock = new ReentrantLock();
  private final Path proc;
  private final Map<Long, ProcessFds> processes = new HashMap<>();
  private final Map<Long, List<FdRef>> byInode = new HashMap<>();
  private Set<Long> ownerlessAfterFullScan = Set.of();
  private boolean fullScanDone;
  private int fullScans;
  private @Nullable Boolean nestedPidNamespace;

  OwnerIndex(Path proc) {
    this.proc = proc;
  }

  /**
   * The owners of {@code wanted} socket inodes. Waits for a concurrent lookup at most until the deadline.
   *
   * @throws DeadlinePassedException when the deadline passes first; the cache stays consistent
   */
  Lookup lookup(Collection<Long> wanted, Deadline deadline) throws DeadlinePassedException {
    try {
      if (!lock.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
        throw new DeadlinePassedException("waiting for another owner lookup to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadlinePassedException("interrupted while waiting for another owner lookup");
    }
    try {
      return lookupLocked(wanted, deadline);
    } finally {
      lock.unlock();
    }
  }

  private Lookup lookupLocked(Collection<Long> wanted, Deadline deadline) throws DeadlinePassedException {
    Set<Long> fresh = refreshProcessList(deadline);
    revalidate(wanted, fresh, deadline);
    Set<Long> unknown = unknown(wanted);
    if (!unknown.isEmpty() && (!fullScanDone || !ownerlessAfterFullScan.containsAll(unknown))) {
      for (Long pid : new ArrayList<>(processes.keySet())) {
        if (!fresh.contains(pid)) {
          checkDeadline(deadline, "reading /proc/*/fd");
          rescan(pid, processes.get(pid).identity());
        }
      }
      unknown = unknown(wanted);
      ownerlessAfterFullScan = Set.copyOf(unknown);
      fullScanDone = true;
      fullScans++;
    }
    return answer(wanted, unknown);
  }

  /** How many times every process was read (for tests of the cache). */
  int fullScans() {
    lock.lock();
    try {
      return fullScans;
    } finally {
      lock.unlock();
    }
  }

  /** Reads the fds of new and reused pids, drops vanished ones; returns the pids read in this call. */
  private Set<Long> refreshProcessList(Deadline deadline) throws DeadlinePassedException {
    String[] names = proc.toFile().list();
    Set<Long> present = new HashSet<>();
    Set<Long> fresh = new HashSet<>();
    if (names != null) {
      int n = 0;
      for (String name : names) {
        long pid = ProcFs.number(name);
        if (pid <= 0) {
          continue;
        }
        if ((++n & 63) == 0) {
          checkDeadline(deadline, "listing /proc");
        }
        Identity identity = identity(pid);
        if (identity == null) {
          continue;
        }
        present.add(pid);
        ProcessFds known = processes.get(pid);
        if (known == null || !known.identity().equals(identity)) {
          rescan(pid, identity);
          fresh.add(pid);
        }
      }
    }
    for (Long pid : new ArrayList<>(processes.keySet())) {
      if (!present.contains(pid)) {
        forget(pid);
      }
    }
    return fresh;
  }

  /** One readlink per cached owner of a wanted socket; a process whose fds changed is read again. */
  private void revalidate(Collection<Long> wanted, Set<Long> fresh, Deadline deadline)
      throws DeadlinePassedException {
    Set<Long> stale = new HashSet<>();
    int n = 0;
    for (Long inode : wanted) {
      List<FdRef> refs = byInode.get(inode);
      if (refs == null) {
        continue;
      }
      for (FdRef ref : refs) {
        if ((++n & 255) == 0) {
          checkDeadline(deadline, "checking cached socket owners");
        }
        if (!fresh.contains(ref.pid()) && !stale.contains(ref.pid()) && linkInode(ref) != inode) {
          stale.add(ref.pid());
        }
      }
    }
    for (Long pid : stale) {
      Identity identity = identity(pid);
      if (identity == null) {
        forget(pid);
      } else {
        rescan(pid, identity);
      }
      fresh.add(pid);
    }
  }

  private Set<Long> unknown(Collection<Long> wanted) {
    Set<Long> unknown = new HashSet<>();
    for (Long inode : wanted) {
      if (!byInode.containsKey(inode)) {
        unknown.add(inode);
      }
    }
    return unknown;
  }

  private Lookup answer(Collection<Long> wanted, Set<Long> unknown) {
    Map<Long, String> names = new HashMap<>();
    Map<Long, List<SocketOwner>> owners = new HashMap<>();
    for (Long inode : wanted) {
      List<FdRef> refs = byInode.get(inode);
      if (refs == null) {
        continue;
      }
      List<SocketOwner> found = new ArrayList<>(refs.size());
      for (FdRef ref : refs) {
        String name = names.computeIfAbsent(ref.pid(), this::comm);
        if (!name.isEmpty()) {
          found.add(new SocketOwner(ref.pid(), name, ref.fd()));
        }
      }
      if (!found.isEmpty()) {
        found.sort(Comparator.comparingLong(SocketOwner::pid).thenComparingInt(SocketOwner::fd));
        owners.put(inode, List.copyOf(found));
      }
    }
    boolean anyUnknown = !unknown.isEmpty() || owners.size() < wanted.size();
    return new Lookup(owners, anyUnknown ? Optional.of(reason()) : Optional.empty());
  }

  private OwnersUnknownReason reason() {
    for (ProcessFds p : processes.values()) {
      if (p.denied()) {
        return OwnersUnknownReason.PERMISSION_DENIED;
      }
    }
    if (nestedPidNamespace == null) {
      nestedPidNamespace = ProcFs.inNestedPidNamespace(readText(proc.resolve("self/status")),
          readTextOrNull(proc.resolve("2/comm")));
    }
    return nestedPidNamespace ? OwnersUnknownReason.OTHER_PID_NAMESPACE : OwnersUnknownReason.NO_PROCESS;
  }

  private void rescan(long pid, Identity identity) {
    forget(pid);
    Path fdDir = proc.resolve(Long.toString(pid)).resolve("fd");
    String[] fdNames = fdDir.toFile().list();
    if (fdNames == null) {
      // no permission, or the process is gone: File.list() says null for both
      if (new File(proc.toFile(), Long.toString(pid)).exists()) {
        processes.put(pid, new ProcessFds(identity, new long[0], new int[0], true));
      }
      return;
    }
    long[] inodes = new long[8];
    int[] fds = new int[8];
    int count = 0;
    boolean denied = false;
    for (String fdName : fdNames) {
      long fd = ProcFs.number(fdName);
      if (fd < 0 || fd > Integer.MAX_VALUE) {
        continue;
      }
      long inode;
      try {
        inode = ProcFs.socketInode(Files.readSymbolicLink(fdDir.resolve(fdName)).toString());
      } catch (AccessDeniedException e) {
        denied = true;
        continue;
      } catch (IOException | UnsupportedOperationException e) {
        continue; // closed meanwhile
      }
      if (inode < 0) {
        continue;
      }
      if (count == inodes.length) {
        inodes = Arrays.copyOf(inodes, count * 2);
        fds = Arrays.copyOf(fds, count * 2);
      }
      inodes[count] = inode;
      fds[count] = (int) fd;
      count++;
      byInode.computeIfAbsent(inode, k -> new ArrayList<>(1)).add(new FdRef(pid, (int) fd));
    }
    processes.put(pid, new ProcessFds(identity, Arrays.copyOf(inodes, count),
        Arrays.copyOf(fds, count), denied));
  }

  private void forget(long pid) {
    ProcessFds old = processes.remove(pid);
    if (old == null) {
      return;
    }
    for (int i = 0; i < old.inodes().length; i++) {
      long inode = old.inodes()[i];
      List<FdRef> refs = byInode.get(inode);
      if (refs != null) {
        refs.remove(new FdRef(pid, old.fds()[i]));
        if (refs.isEmpty()) {
          byInode.remove(inode);
        }
      }
    }
  }

  private long linkInode(FdRef ref) {
    try {
      return ProcFs.socketInode(Files.readSymbolicLink(
          proc.resolve(Long.toString(ref.pid())).resolve("fd").resolve(Integer.toString(ref.fd()))).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private @Nullable Identity identity(long pid) {
    try {
      BasicFileAttributes a = Files.readAttributes(proc.resolve(Long.toString(pid)), BasicFileAttributes.class);
      return new Identity(a.fileKey(), a.lastModifiedTime());
    } catch (IOException e) {
      return null;
    }
  }

  /** The process name, or "" when the process has exited. */
  private String comm(long pid) {
    String text = readTextOrNull(proc.resolve(Long.toString(pid)).resolve("comm"));
    return text == null ? "" : text;
  }

  private static String readText(Path p) {
    String text = readTextOrNull(p);
    return text == null ? "" : text;
  }

  private static @Nullable String readTextOrNull(Path p) {
    try {
      return ProcFs.comm(Files.readAllBytes(p));
    } catch (IOException e) {
      return null;
    }
  }

  private static void checkDeadline(Deadline deadline, String what) throws DeadlinePassedException {
    if (deadline.isExpired()) {
      throw new DeadlinePassedException(what);
    }
  }
}
