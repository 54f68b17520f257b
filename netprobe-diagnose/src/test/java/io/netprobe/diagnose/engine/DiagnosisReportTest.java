package io.netprobe.diagnose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Host;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's language follows the locale's language: Korean for {@code ko}, English for everything else. */
class DiagnosisReportTest {
  static final DiagnosisResult HEALTHY = new DiagnosisResult(URI.create("https://quizai.juwonpark.me/"),
      Host.of("quizai.juwonpark.me"), Verdict.of(Finding.HEALTHY, Optional.empty(), List.of(),
          "https://quizai.juwonpark.me/", "HTTP/2 200"), List.of(), NetworkPath.direct(), List.of(), List.of(),
      Instant.EPOCH, Duration.ofMillis(1250), "checklist", Optional.empty());

  @Test
  void englishForEveryLanguageButKorean() {
    String english = DiagnosisReport.render(HEALTHY, Locale.ENGLISH);
    assertThat(english).startsWith("netprobe diagnose https://quizai.juwonpark.me/\nVerdict: ")
        .contains("https://quizai.juwonpark.me/ works: every layer answered, the last with HTTP/2 200.")
        .contains("Path: client → server").endsWith("(took 1.25 s)\n");
    assertThat(DiagnosisReport.render(HEALTHY, Locale.GERMANY)).isEqualTo(english);
    assertThat(DiagnosisReport.render(HEALTHY, Locale.ROOT)).isEqualTo(english);
  }

  @Test
  void koreanForKoreanLocales() {
    String korean = DiagnosisReport.render(HEALTHY, Locale.KOREA);
    assertThat(korean).startsWith("netprobe 진단 https://quizai.juwonpark.me/\n판정: ");
    assertThat(DiagnosisReport.render(HEALTHY, Locale.KOREAN)).isEqualTo(korean);
    assertThat(DiagnosisReport.render(HEALTHY, Locale.forLanguageTag("ko-KP"))).isEqualTo(korean);
  }
}
