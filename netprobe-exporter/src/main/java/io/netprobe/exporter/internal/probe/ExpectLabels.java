package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.TcpOptions;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.TcpConversationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * blackbox's {@code query_response} {@code labels}: after an expect with labels matched, {@code probe_expect_info}
 * with those labels, their values expanded from the match's groups as Go's {@code regexp.Expand} does ({@code $1},
 * {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}; an unknown group is empty). Stateless; thread-safe.
 */
final class ExpectLabels {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z0-9_]+)}|\\$([A-Za-z0-9_]+)");

  private ExpectLabels() {}

  static void record(TcpOptions t, TcpConversationResult r, MetricSet m) {
    int step = 1;
    for (TcpOptions.QueryResponse q : t.queryResponse()) {
      int expectStep = q.expect().isPresent() || q.expectBytes().isPresent() ? step++ : -1;
      if (q.send().isPresent() && !q.send().get().isEmpty()) {
        step++;
      }
      if (q.starttls()) {
        step++;
      }
      if (expectStep < 0 || q.labels().isEmpty() || q.expect().isEmpty()) {
        continue;
      }
      int index = expectStep;
      r.steps().stream().filter(s -> s.index() == index && s.ok()).findFirst().ifPresent(s -> {
        List<String> labels = new ArrayList<>();
        for (String l : q.labels()) {
          int eq = l.indexOf('=');
          labels.add(l.substring(0, eq));
          labels.add(expand(l.substring(eq + 1), s.captures()));
        }
        m.gauge("probe_expect_info", "Explicit content matched", 1, labels.toArray(new String[0]));
      });
    }
  }

  static String expand(String template, Map<String, String> groups) {
    Matcher ref = REFERENCE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (ref.find()) {
      String name = ref.group(1) != null ? ref.group(1) : ref.group(2);
      String replacement = name == null ? "$" : groups.getOrDefault(name, "");
      ref.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    ref.appendTail(out);
    return out.toString();
  }
}
