package io.netprobe.exporter.internal.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * blackbox's {@code tcp} prober block. Immutable and thread-safe.
 *
 * @param ip address family and source
 * @param queryResponse the conversation to hold after connecting
 * @param tls whether to speak TLS at once
 * @param tlsConfig the TLS configuration
 */
public record TcpOptions(IpProtocol ip, List<QueryResponse> queryResponse, boolean tls, TlsConfig tlsConfig) {
  /**
   * One {@code query_response} step.
   *
   * @param expect a line to wait for
   * @param expectBytes exact bytes to wait for
   * @param send what to send ({@code ${1}} from {@code expect}'s groups)
   * @param starttls whether to upgrade to TLS after this step
   * @param labels labels of {@code probe_expect_info} on a match
   */
  public record QueryResponse(Optional<Pattern> expect, Optional<String> expectBytes, Optional<String> send,
      boolean starttls, List<String> labels) {}

  static final Set<String> KEYS = keys();
  public static final TcpOptions DEFAULT = new TcpOptions(IpProtocol.DEFAULT, List.of(), false, TlsConfig.DEFAULT);

  private static Set<String> keys() {
    Set<String> k = new HashSet<>(IpProtocol.KEYS);
    k.addAll(Set.of("query_response", "tls", "tls_config"));
    return Set.copyOf(k);
  }

  static TcpOptions parse(YamlBlock b) throws ConfigException {
    return new TcpOptions(IpProtocol.parse(b), queryResponse(b), b.bool("tls", false),
        TlsConfig.parse(b, "tls_config"));
  }

  static List<QueryResponse> queryResponse(YamlBlock b) throws ConfigException {
    List<QueryResponse> out = new ArrayList<>();
    for (Node n : b.list("query_response")) {
      YamlBlock q = YamlBlock.of(b.file(), b.pathOf("query_response"), n,
          Set.of("expect", "expect_bytes", "send", "starttls", "labels"));
      if (q.has("expect") && q.has("expect_bytes")) {
        throw q.error("expect_bytes", "expect and expect_bytes are mutually exclusive");
      }
      List<String> labels = new ArrayList<>();
      for (Node l : q.list("labels")) {
        YamlBlock label = YamlBlock.of(b.file(), q.pathOf("labels"), l, Set.of("name", "value"));
        String name = label.string("name", "");
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          throw label.error("name", "not a valid label name: " + YamlBlock.quote(name));
        }
        labels.add(name + "=" + label.string("value", ""));
      }
      Optional<Pattern> expect = q.has("expect") ? Optional.of(q.regex("expect", q.string("expect", "")))
          : Optional.empty();
      out.add(new QueryResponse(expect, q.string("expect_bytes"), q.string("send"), q.bool("starttls", false),
          List.copyOf(labels)));
    }
    return List.copyOf(out);
  }
}
