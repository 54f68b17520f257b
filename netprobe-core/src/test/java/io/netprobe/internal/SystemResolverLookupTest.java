package io.netprobe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system resolver's lookup threads: few, however many callers resolve at once. */
class SystemResolverLookupTest {

  @Test
  void aThousandResolutionsFromManyThreadsUseAtMostSixteenLookupThreads() throws Exception {
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
    // the lookup threads (idle now, kept a few seconds) are at most 16, however many callers asked
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("netprobe-lookup-")))
        .hasSizeLessThanOrEqualTo(16);
  }
}
