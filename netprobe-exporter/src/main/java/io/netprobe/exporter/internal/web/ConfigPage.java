package io.netprobe.exporter.internal.web;

import io.netprobe.core.Redaction;
import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code /config} and the debug page's module: the configuration as loaded, with every secret replaced by
 * {@code <secret>} as blackbox prints it (passwords, credentials, tokens, client secrets, {@code http_headers}
 * secrets, {@code proxy_connect_header} values, sensitive header values, a {@code tls_config}'s inline {@code key})
 * and user info in URLs redacted. Stateless and thread-safe.
 */
final class ConfigPage {
  static final String SECRET = "<secret>";
  /** common's {@code Secret} fields ({@code key}: a {@code tls_config}'s inline private key). */
  private static final Set<String> SECRET_KEYS = Set.of("password", "credentials", "bearer_token", "client_secret",
      "secrets", "key");

  private ConfigPage() {}

  /** The whole file, redacted. */
  static String render(BlackboxConfig c) {
    return dump(tree(c, Optional.empty()));
  }

  /** One module, redacted. */
  static String module(BlackboxConfig c, String name) {
    Object t = tree(c, Optional.of(name));
    return t == null ? "" : dump(t);
  }

  @SuppressWarnings("unchecked")
  private static Object tree(BlackboxConfig c, Optional<String> module) {
    try {
      Optional<Node> root = BlackboxConfig.compose("config", c.source());
      Object all = root.map(n -> plain(n, "")).orElse(Map.of());
      if (module.isEmpty()) {
        return all;
      }
      Object modules = all instanceof Map<?, ?> m ? m.get("modules") : null;
      return modules instanceof Map<?, ?> mm ? mm.get(module.get()) : null;
    } catch (ConfigException e) {
      return Map.of("error", e.getMessage());
    }
  }

  private static Object plain(Node n, String key) {
    if (n instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        Object v = plain(t.getValueNode(), k);
        if (key.equalsIgnoreCase("headers") && Redaction.isSensitiveHeader(k)) {
          v = SECRET;
        } else if (key.equals("proxy_connect_header")) {
          // common's map[string][]Secret: every value is a secret, whatever the header's name
          v = t.getValueNode() instanceof SequenceNode seq ? seq.getValue().stream().map(x -> SECRET).toList()
              : SECRET;
        }
        out.put(k, v);
      }
      return out;
    }
    if (n instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (Node item : s.getValue()) {
        out.add(SECRET_KEYS.contains(key) ? SECRET : plain(item, ""));
      }
      return out;
    }
    String v = ((ScalarNode) n).getValue();
    if (SECRET_KEYS.contains(key) && !v.isEmpty()) {
      return SECRET;
    }
    if (v.contains("://")) {
      return Redaction.url(v);
    }
    return v;
  }

  private static String dump(Object tree) {
    return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(4).build())
        .dumpToString(tree);
  }
}
