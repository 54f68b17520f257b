package io.netprobe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The system resolver's lookup threads: a name asked by many callers at once is one call on one thread; reverse
 * lookups run there too. Only localhost and 127.0.0.1 (/etc/hosts): no query leaves this machine.
 */
class SystemResolverLookupTest {

  @Test
  void aThousandResolutionsOfOneNameFromManyThreadsUseAFewLookupThreads() throws Exception {
    List<Thread> callers = new ArrayList<>();
    List<SystemResolver.Resolution> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 20; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 50; j++) {
          results.add(SystemResolver.resolve(Host.of("localhost"), Deadline.after(Duration.ofSeconds(5))));
        }
      });
      callers.add(t);
      t.start();
    }
    for (Thread t : callers) {
      t.join();
    }
    assertThat(results).hasSize(1000).allSatisfy(r -> assertThat(r.ok()).isTrue());
    // one name, one call at a time: the lookup threads (idle now, kept a few seconds) are the pool's two core threads,
    // and rarely one or two more (a call that has answered but not yet returned its thread)
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("netprobe-lookup-")))
        .hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void anAddressNameIsLookedUpOnTheLookupThreads() throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.Optional<String> name = SystemResolver.reverse(java.net.InetAddress.getByName("127.0.0.1"))
        .whenComplete((n, e) -> thread.compareAndSet(null, Thread.currentThread().getName()))
        .get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(name).contains(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getCanonicalHostName());
    assertThat(name).get().isNotEqualTo("127.0.0.1");
    // an address that came with a name is still looked up, not answered with the name it carries
    assertThat(SystemResolver.reverse(java.net.InetAddress.getByAddress("not-its-name", new byte[] {127, 0, 0, 1}))
        .get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(name);
    assertThat(thread.get()).satisfiesAnyOf(t -> assertThat(t).startsWith("netprobe-lookup-"),
        t -> assertThat(t).isEqualTo(Thread.currentThread().getName())); // or here, when it was done already
  }
}
