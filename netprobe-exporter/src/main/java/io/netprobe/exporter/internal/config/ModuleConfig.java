package io.netprobe.exporter.internal.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One module of blackbox.yml: its prober, timeout and every prober block with blackbox's defaults filled in (as
 * blackbox does, blocks of other probers are parsed and kept too). Immutable and thread-safe.
 *
 * @param name the module name ({@code module=})
 * @param prober the prober it runs
 * @param timeout the module timeout; zero = only the scrape timeout bounds the probe
 * @param http the {@code http} block
 * @param tcp the {@code tcp} block
 * @param icmp the {@code icmp} block
 * @param dns the {@code dns} block (null unless the module has one: its {@code query_name} is required)
 * @param grpc the {@code grpc} block
 * @param netprobe the blocks of netprobe's own probers
 */
public record ModuleConfig(String name, Prober prober, Duration timeout, HttpOptions http, TcpOptions tcp,
    IcmpOptions icmp, @javax.annotation.Nullable DnsOptions dns, GrpcOptions grpc, NetprobeOptions netprobe) {
  static final Set<String> KEYS = Set.of("prober", "timeout", "http", "tcp", "icmp", "dns", "grpc", "unix",
      "websocket", "ping", "traceroute", "diagnose", "sockets", "mtr");

  static ModuleConfig parse(YamlBlock b, String name) throws ConfigException {
    if (!b.has("prober")) {
      throw b.error("prober", "missing: every module names its prober ("
          + Arrays.stream(Prober.values()).map(Prober::configName).collect(Collectors.joining(", ")) + ")");
    }
    String proberName = b.string("prober", "");
    Prober prober = Prober.named(proberName).orElseThrow(() -> b.error("prober", "prober "
        + YamlBlock.quote(proberName) + " is not valid (one of " + Arrays.stream(Prober.values())
        .map(Prober::configName).collect(Collectors.joining(", ")) + ")"
        + (proberName.equals("unix") || proberName.equals("websocket")
            ? "; blackbox's " + proberName + " prober is not offered by netprobe-exporter yet" : "")));
    Duration timeout = b.duration("timeout", Duration.ZERO);
    for (String later : new String[] {"unix", "websocket"}) {
      if (b.has(later)) {
        throw b.error(later, "the " + later + " prober is not offered by netprobe-exporter yet");
      }
    }
    HttpOptions http = b.has("http") ? HttpOptions.parse(b.block("http", HttpOptions.KEYS).orElseThrow())
        : HttpOptions.DEFAULT;
    TcpOptions tcp = b.has("tcp") ? TcpOptions.parse(b.block("tcp", TcpOptions.KEYS).orElseThrow())
        : TcpOptions.DEFAULT;
    IcmpOptions icmp = b.has("icmp") ? IcmpOptions.parse(b.block("icmp", IcmpOptions.KEYS).orElseThrow())
        : IcmpOptions.DEFAULT;
    DnsOptions dns = b.has("dns") ? DnsOptions.parse(b.block("dns", DnsOptions.KEYS).orElseThrow()) : null;
    if (prober == Prober.DNS && dns == null) {
      throw b.error("dns", "query name must be set for DNS module");
    }
    GrpcOptions grpc = b.has("grpc") ? GrpcOptions.parse(b.block("grpc", GrpcOptions.KEYS).orElseThrow())
        : GrpcOptions.DEFAULT;
    return new ModuleConfig(name, prober, timeout, http, tcp, icmp, dns, grpc, NetprobeOptions.parse(b));
  }
}
