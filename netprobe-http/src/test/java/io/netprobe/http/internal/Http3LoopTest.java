package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;

/** The HTTP/3 event loop's thread: started by the first exchange, ended when idle, not while one runs. */
class Http3LoopTest {
  @Test
  void theThreadEndsAfterTheIdleTimeButNotWhileAnExchangeRuns() throws Exception {
    Http3Loop loop = new Http3Loop(50);
    assertThat(loop.running()).isFalse();
    EventLoop first = loop.acquire();
    assertThat(first).isNotNull();
    EventLoop second = loop.acquire();
    loop.release();
    Thread.sleep(150);
    assertThat(loop.running()).as("one exchange still runs").isTrue();
    loop.release();
    long until = System.nanoTime() + 2_000_000_000L;
    while (loop.running() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(loop.running()).isFalse();
    assertThat(first.isShuttingDown()).isTrue();
    assertThat(second).isSameAs(first);
    // a new exchange starts a new thread
    EventLoop again = loop.acquire();
    assertThat(again).isNotNull().isNotSameAs(first);
    loop.close();
    assertThat(loop.acquire()).isNull();
    loop.release();
    assertThat(again.terminationFuture().await(2_000)).isTrue();
  }
}
