package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.http.HttpHeaders;
import java.util.List;

/** blackbox's {@code fail_if_header_(not_)matches} on the final response. Stateless and thread-safe. */
final class HeaderChecks {
  private HeaderChecks() {}

  static boolean pass(HttpOptions h, HttpHeaders headers, ProbeLog log) {
    for (HttpOptions.HeaderMatch hm : h.failIfHeaderMatches()) {
      List<String> values = headers.all(hm.header());
      if (values.isEmpty()) {
        if (!hm.allowMissing()) {
          log.error("Missing required header header=" + hm.header());
          return false;
        }
        continue;
      }
      for (String v : values) {
        if (hm.regexp().matcher(v).find()) {
          log.error("Header matched regular expression header=" + hm.header() + " regexp=" + hm.regexp());
          return false;
        }
      }
    }
    for (HttpOptions.HeaderMatch hm : h.failIfHeaderNotMatches()) {
      List<String> values = headers.all(hm.header());
      if (values.isEmpty()) {
        if (!hm.allowMissing()) {
          log.error("Missing required header header=" + hm.header());
          return false;
        }
        continue;
      }
      if (values.stream().noneMatch(v -> hm.regexp().matcher(v).find())) {
        log.error("Header did not match regular expression header=" + hm.header() + " regexp=" + hm.regexp());
        return false;
      }
    }
    return true;
  }
}
