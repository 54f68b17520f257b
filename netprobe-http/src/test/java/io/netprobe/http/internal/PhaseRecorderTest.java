package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The end of {@code time_total}: the transfer's end as OkHttp reports it, never the teardown after it. */
class PhaseRecorderTest {
  private static final long LATER = Long.MAX_VALUE;

  @Test
  void aBodylessResponseEndsWithItsHeaders() {
    PhaseRecorder phases = new PhaseRecorder();
    phases.callStart(null);
    phases.responseHeadersEnd(null, null);
    long end = phases.transferEnd(true, LATER);
    assertThat(end).isLessThan(LATER).isGreaterThan(0);
    assertThat(end).isLessThanOrEqualTo(System.nanoTime());
  }

  @Test
  void aBodyEndsWhenOkHttpSawItsLastByteElseWhenTheCallerStoppedReading() {
    PhaseRecorder phases = new PhaseRecorder();
    phases.callStart(null);
    phases.responseHeadersEnd(null, null);
    assertThat(phases.transferEnd(false, LATER)).isEqualTo(LATER);
    phases.responseBodyEnd(null, 10);
    assertThat(phases.transferEnd(false, LATER)).isLessThan(LATER);
  }

  @Test
  void withoutEventsTheFallbackIsTheEnd() {
    assertThat(new PhaseRecorder().transferEnd(true, 42)).isEqualTo(42);
  }
}
