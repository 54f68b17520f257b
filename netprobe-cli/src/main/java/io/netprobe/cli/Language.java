package io.netprobe.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --lang en|ko} option of the reports. Not thread-safe. */
final class Language {
  enum Choice { en, ko }

  @Option(names = "--lang", paramLabel = "en|ko", description = "Report language (default: from the locale, e.g. "
      + "LANG=ko_KR.UTF-8 gives Korean).")
  Choice choice;

  Locale locale(Locale fallback) {
    if (choice == null) {
      return fallback;
    }
    return choice == Choice.ko ? Locale.KOREAN : Locale.ENGLISH;
  }
}
