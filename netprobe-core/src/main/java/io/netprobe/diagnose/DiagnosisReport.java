package io.netprobe.diagnose;

import io.netprobe.internal.diagnose.TextReport;
import java.util.Locale;

/**
 * Renders a {@link Diagnosis} as the text report: verdict first, then the path and each layer's checks in the style
 * of the classic tools. English, or Korean (the seed's language) for Korean locales. Stateless; thread-safe.
 */
public final class DiagnosisReport {
  private DiagnosisReport() {}

  /** The report in the language of {@code locale}: Korean when its language is {@code ko}, English otherwise. */
  public static String text(Diagnosis diagnosis, Locale locale) {
    return TextReport.forLocale(locale).render(diagnosis);
  }
}
