package io.netprobe.exporter.internal.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * blackbox's {@code grpc} prober block. Immutable and thread-safe.
 *
 * @param ip address family and source
 * @param service the service asked about ({@code ""}: the server)
 * @param tls whether to use TLS
 * @param tlsConfig the TLS configuration
 * @param metadata request metadata, each name with its values (Go's {@code metadata.MD}: {@code name: [value, …]})
 */
public record GrpcOptions(IpProtocol ip, String service, boolean tls, TlsConfig tlsConfig,
    Map<String, List<String>> metadata) {
  static final Set<String> KEYS = keys();
  /** 0.23's gRPC default, unlike the other probers: no fallback to the other family. */
  public static final GrpcOptions DEFAULT = new GrpcOptions(new IpProtocol("ip6", false, java.util.Optional.empty()),
      "", false, TlsConfig.DEFAULT, Map.of());

  private static Set<String> keys() {
    Set<String> k = new HashSet<>(IpProtocol.KEYS);
    k.addAll(Set.of("service", "tls", "tls_config", "metadata"));
    return Set.copyOf(k);
  }

  static GrpcOptions parse(YamlBlock b) throws ConfigException {
    return new GrpcOptions(IpProtocol.parse(b, false), b.string("service", ""), b.bool("tls", false),
        TlsConfig.parse(b, "tls_config"), b.stringListMap("metadata"));
  }
}
