package io.netprobe.exporter.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One header of prometheus/common's {@code http_headers}: values written in the file, secret values, and files read
 * on every probe (trimmed), sent in that order. Immutable and thread-safe; {@code toString} never shows a secret.
 *
 * @param name the header name
 * @param values plain values
 * @param secrets secret values
 * @param files files whose content is a value
 */
public record HeaderSource(String name, List<String> values, List<String> secrets, List<String> files) {
  /** Headers common refuses in {@code http_headers} (its {@code reservedHeaders}), canonical and lower case. */
  static final Set<String> RESERVED = Set.of("authorization", "host", "content-encoding", "content-length",
      "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
      "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version", "x-prometheus-remote-read-version",
      "x-prometheus-scrape-timeout-seconds", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256");

  public HeaderSource {
    values = List.copyOf(values);
    secrets = List.copyOf(secrets);
    files = List.copyOf(files);
  }

  static List<HeaderSource> parse(YamlBlock http) throws ConfigException {
    List<HeaderSource> out = new ArrayList<>();
    var block = http.block("http_headers", null);
    if (block.isEmpty()) {
      return List.of();
    }
    YamlBlock b = block.get();
    for (String name : b.keys()) {
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw b.error(name, "setting header " + YamlBlock.quote(canonical(name)) + " is not allowed");
      }
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw b.error(name, "a header name must be an HTTP token, was " + YamlBlock.quote(name));
      }
      var h = b.block(name, Set.of("values", "secrets", "files"));
      if (h.isEmpty()) {
        continue;
      }
      out.add(new HeaderSource(name, h.get().strings("values"), h.get().strings("secrets"),
          h.get().strings("files")));
    }
    return List.copyOf(out);
  }

  /** Go's {@code http.CanonicalHeaderKey}: {@code x-api-key} → {@code X-Api-Key}. */
  static String canonical(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "HeaderSource[" + name + ", values=" + values + ", secrets=" + secrets.size() + ", files=" + files + "]";
  }
}
