package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.OwnersUnknownReason;
import io.netprobe.sockets.SocketOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owner index and its cache over a fake /proc tree (directories, comm files and fd symlinks). */
class OwnerIndexTest {
  private Path proc;
  private OwnerIndex index;

  @BeforeEach
  void fakeProc() throws IOException {
    proc = Files.createTempDirectory("fake-proc");
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/status"), "Name:\tjava\nNSpid:\t100\n");
    process(2, "kthreadd");
    process(100, "nginx");
    fd(100, 3, "socket:[5000]");
    fd(100, 4, "/var/log/nginx/access.log");
    fd(100, 6, "socket:[5001]");
    process(101, "nginx");
    fd(101, 3, "socket:[5000]");
    fd(101, 7, "pipe:[77]");
    process(200, "sshd");
    fd(200, 3, "socket:[6000]");
    index = new OwnerIndex(proc);
  }

  @AfterEach
  void delete() throws IOException {
    try (Stream<Path> files = Files.walk(proc)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private OwnerIndex.Lookup lookup(Long... inodes) throws DeadlinePassedException {
    return index.lookup(List.of(inodes), Deadline.after(Duration.ofSeconds(5)));
  }

  @Test
  void findsEveryOwnerWithNameAndFd() throws Exception {
    OwnerIndex.Lookup l = lookup(5000L, 5001L, 6000L);
    assertThat(l.owners().get(5000L)).containsExactly(new SocketOwner(100, "nginx", 3), new SocketOwner(101, "nginx", 3));
    assertThat(l.owners().get(5001L)).containsExactly(new SocketOwner(100, "nginx", 6));
    assertThat(l.owners().get(6000L)).containsExactly(new SocketOwner(200, "sshd", 3));
    assertThat(l.unknownReason()).isEmpty();
    assertThat(index.fullScans()).as("new processes are read on sight; no extra full read needed").isZero();
  }

  @Test
  void aNewProcessIsReadOnTheNextLookup() throws Exception {
    lookup(5000L);
    process(102, "nginx");
    fd(102, 3, "socket:[5000]");
    assertThat(lookup(5000L).owners().get(5000L)).extracting(SocketOwner::pid).containsExactly(100L, 101L, 102L);
  }

  @Test
  void anExitedProcessIsForgotten() throws Exception {
    lookup(5000L);
    deleteProcess(101);
    assertThat(lookup(5000L).owners().get(5000L)).extracting(SocketOwner::pid).containsExactly(100L);
  }

  @Test
  void aReusedPidIsReadAgain() throws Exception {
    lookup(5000L, 6000L);
    deleteProcess(200);
    process(200, "postgres");
    fd(200, 5, "socket:[6000]");
    assertThat(lookup(6000L).owners().get(6000L)).containsExactly(new SocketOwner(200, "postgres", 5));
  }

  @Test
  void aChangedFdIsNoticedByItsCachedLink() throws Exception {
    lookup(5000L, 5001L);
    Files.delete(proc.resolve("100/fd/6"));
    fd(100, 6, "socket:[5002]");
    OwnerIndex.Lookup l = lookup(5001L, 5002L);
    assertThat(l.owners()).doesNotContainKey(5001L);
    assertThat(l.owners().get(5002L)).containsExactly(new SocketOwner(100, "nginx", 6));
  }

  @Test
  void aNewSocketOfAnOldProcessIsFoundByAFullRead() throws Exception {
    lookup(5000L);
    fd(200, 9, "socket:[7000]");
    assertThat(lookup(7000L).owners().get(7000L)).containsExactly(new SocketOwner(200, "sshd", 9));
    assertThat(index.fullScans()).isEqualTo(1);
  }

  @Test
  void anOwnerlessSocketCostsOneFullReadNotOnePerCall() throws Exception {
    assertThat(lookup(5000L, 8000L).unknownReason()).contains(OwnersUnknownReason.NO_PROCESS);
    assertThat(lookup(5000L, 8000L).owners()).containsOnlyKeys(5000L);
    assertThat(lookup(5000L, 8000L).owners()).containsOnlyKeys(5000L);
    assertThat(index.fullScans()).isEqualTo(1);
    process(300, "late");
    fd(300, 4, "socket:[8000]");
    assertThat(lookup(5000L, 8000L).owners().get(8000L)).as("a process that appears later is still read")
        .containsExactly(new SocketOwner(300, "late", 4));
  }

  @Test
  void withoutKernelThreadsInSightTheOwnerIsInAnotherPidNamespace() throws Exception {
    deleteProcess(2);
    assertThat(lookup(8000L).unknownReason()).contains(OwnersUnknownReason.OTHER_PID_NAMESPACE);
  }

  @Test
  void anExpiredDeadlineStopsTheScan() throws Exception {
    for (int pid = 1000; pid < 1200; pid++) {
      process(pid, "worker");
    }
    Deadline expired = Deadline.after(Duration.ofNanos(1));
    Thread.sleep(1);
    assertThatThrownBy(() -> index.lookup(List.of(5000L), expired)).isInstanceOf(DeadlinePassedException.class);
  }

  @Test
  void aLookupWaitsForAnotherOnlyUntilItsDeadline() throws Exception {
    Thread holder = new Thread(() -> {
      index.lock.lock();
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        index.lock.unlock();
      }
    });
    holder.start();
    while (!index.lock.isLocked()) {
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> index.lookup(List.of(5000L), Deadline.after(Duration.ofMillis(100))))
        .isInstanceOf(DeadlinePassedException.class).hasMessageContaining("another owner lookup");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100).plus(
        io.netprobe.testing.contract.ContractAssertions.DEADLINE_SLACK));
    holder.interrupt();
    holder.join();
  }

  @Test
  void pureParsers() {
    assertThat(ProcFs.socketInode("socket:[12345]")).isEqualTo(12345);
    assertThat(ProcFs.socketInode("socket:[]")).isEqualTo(-1);
    assertThat(ProcFs.socketInode("socket:[12a]")).isEqualTo(-1);
    assertThat(ProcFs.socketInode("pipe:[12345]")).isEqualTo(-1);
    assertThat(ProcFs.socketInode("/dev/null")).isEqualTo(-1);
    assertThat(ProcFs.number("4711")).isEqualTo(4711);
    assertThat(ProcFs.number("self")).isEqualTo(-1);
    assertThat(ProcFs.comm("nsd: server 1\n".getBytes())).isEqualTo("nsd: server 1");
    assertThat(ProcFs.inNestedPidNamespace("NSpid:\t9930\t1\n", "kthreadd\n")).isTrue();
    assertThat(ProcFs.inNestedPidNamespace("NSpid:\t9930\n", "kthreadd\n")).isFalse();
    assertThat(ProcFs.inNestedPidNamespace("NSpid:\t7\n", null)).as("own /proc mount, no kernel threads").isTrue();
    assertThat(ProcFs.inNestedPidNamespace("NSpid:\t7\n", "bash\n")).isTrue();
  }

  private void process(long pid, String comm) throws IOException {
    Files.createDirectories(proc.resolve(pid + "/fd"));
    Files.writeString(proc.resolve(pid + "/comm"), comm + "\n");
  }

  private void fd(long pid, int fd, String target) throws IOException {
    Files.createSymbolicLink(proc.resolve(pid + "/fd/" + fd), Path.of(target));
  }

  private void deleteProcess(long pid) throws IOException {
    try (Stream<Path> files = Files.walk(proc.resolve(Long.toString(pid)))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
