package io.netprobe.exporter.internal.web;

import java.util.List;

/** The HTML index page with blackbox's "Recent Probes" table. Stateless and thread-safe. */
final class Pages {
  private Pages() {}

  static String index(List<History.Entry> entries, String prefix) {
    StringBuilder b = new StringBuilder("""
        <html>
        <head><title>Blackbox Exporter</title></head>
        <body>
        <h1>Blackbox Exporter (netprobe-exporter)</h1>
        <p><a href="%1$s/probe?target=prometheus.io&module=http_2xx">Probe prometheus.io for http_2xx</a></p>
        <p><a href="%1$s/probe?target=prometheus.io&module=http_2xx&debug=true">Debug probe prometheus.io for \
        http_2xx</a></p>
        <p><a href="%1$s/metrics">Metrics</a></p>
        <p><a href="%1$s/config">Configuration</a></p>
        <h2>Recent Probes</h2>
        <table border='1'><tr><th>Module</th><th>Target</th><th>Result</th><th>Debug</th></tr>
        """.formatted(prefix));
    for (History.Entry e : entries) {
      b.append("<tr><td>").append(Http.html(e.module())).append("</td><td>").append(Http.html(
          io.netprobe.core.Redaction.url(e.target()))).append("</td><td>").append(e.success() ? "Success"
          : "<strong>Failure</strong>").append("</td><td><a href='").append(prefix).append("/logs?id=")
          .append(e.id()).append("'>Logs</a></td></tr>\n");
    }
    return b.append("</table></body></html>\n").toString();
  }
}
