package io.netprobe.exporter.internal.config;

import io.netprobe.icmp.TraceMode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The blocks of netprobe's own probers, which blackbox lacks: {@code ping} (several echoes: loss, jitter),
 * {@code traceroute}, {@code diagnose} (the verdict as metrics) and {@code sockets} (is something listening on the
 * target port of this machine). Immutable and thread-safe.
 *
 * @param count echo requests a ping probe sends
 * @param interval time between them
 * @param payloadSize ping payload bytes (0: the backend's default)
 * @param maxHops the most hops a traceroute probe tries
 * @param probesPerHop probes per hop
 * @param diagnoseTargets addresses the diagnosis pings for the network layer (blank: the target's host only)
 * @param socketProtocol {@code tcp} or {@code udp} for the sockets prober
 * @param mtrCycles how many traceroute cycles an mtr probe runs
 * @param mtrInterval the time between the start of two cycles
 * @param traceMode the probes of traceroute and mtr ({@code protocol}: udp, icmp or tcp)
 * @param tracePort their destination port ({@code port}); empty for the mode's usual one (80 for tcp)
 */
public record NetprobeOptions(int count, Duration interval, int payloadSize, int maxHops, int probesPerHop,
    Optional<String> diagnoseTargets, String socketProtocol, int mtrCycles, Duration mtrInterval,
    TraceMode traceMode, OptionalInt tracePort) {
  static final Set<String> PING_KEYS = Set.of("count", "interval", "payload_size");
  static final Set<String> TRACEROUTE_KEYS = Set.of("max_hops", "probes_per_hop", "protocol", "port");
  static final Set<String> DIAGNOSE_KEYS = Set.of("network_targets");
  static final Set<String> SOCKETS_KEYS = Set.of("protocol");
  static final Set<String> MTR_KEYS = Set.of("cycles", "interval", "max_hops", "protocol", "port");
  public static final NetprobeOptions DEFAULT = new NetprobeOptions(5, Duration.ofMillis(200), 0, 30, 1,
      Optional.empty(), "tcp", 5, Duration.ofMillis(200), TraceMode.UDP, OptionalInt.empty());

  static NetprobeOptions parse(YamlBlock module) throws ConfigException {
    NetprobeOptions o = DEFAULT;
    Optional<YamlBlock> ping = module.block("ping", PING_KEYS);
    if (ping.isPresent()) {
      YamlBlock b = ping.get();
      Duration interval = b.duration("interval", o.interval);
      if (interval.toMillis() < 2) {
        throw b.error("interval", "must be at least 2ms");
      }
      o = new NetprobeOptions((int) b.integer("count", 5, 1, 100), interval, (int) b.integer("payload_size", 0, 0,
          65_000), o.maxHops, o.probesPerHop, o.diagnoseTargets, o.socketProtocol, o.mtrCycles,
          o.mtrInterval, o.traceMode, o.tracePort);
    }
    Optional<YamlBlock> tr = module.block("traceroute", TRACEROUTE_KEYS);
    if (tr.isPresent()) {
      YamlBlock b = tr.get();
      o = new NetprobeOptions(o.count, o.interval, o.payloadSize, (int) b.integer("max_hops", 30, 1, 64),
          (int) b.integer("probes_per_hop", 1, 1, 10), o.diagnoseTargets, o.socketProtocol, o.mtrCycles,
          o.mtrInterval, traceMode(b), tracePort(b));
    }
    Optional<YamlBlock> diag = module.block("diagnose", DIAGNOSE_KEYS);
    if (diag.isPresent()) {
      o = new NetprobeOptions(o.count, o.interval, o.payloadSize, o.maxHops, o.probesPerHop,
          diag.get().string("network_targets"), o.socketProtocol, o.mtrCycles, o.mtrInterval, o.traceMode,
          o.tracePort);
    }
    Optional<YamlBlock> sockets = module.block("sockets", SOCKETS_KEYS);
    if (sockets.isPresent()) {
      YamlBlock b = sockets.get();
      o = new NetprobeOptions(o.count, o.interval, o.payloadSize, o.maxHops, o.probesPerHop, o.diagnoseTargets,
          b.oneOf("protocol", b.string("protocol", "tcp"), Set.of("tcp", "udp")), o.mtrCycles, o.mtrInterval,
          o.traceMode, o.tracePort);
    }
    Optional<YamlBlock> mtr = module.block("mtr", MTR_KEYS);
    if (mtr.isPresent()) {
      YamlBlock b = mtr.get();
      Duration interval = b.duration("interval", o.mtrInterval);
      if (interval.toMillis() < 10) {
        throw b.error("interval", "must be at least 10ms");
      }
      o = new NetprobeOptions(o.count, o.interval, o.payloadSize, (int) b.integer("max_hops", 30, 1, 64),
          o.probesPerHop, o.diagnoseTargets, o.socketProtocol, (int) b.integer("cycles", 5, 1, 100), interval,
          traceMode(b), tracePort(b));
    }
    return o;
  }

  /** {@code protocol}: udp (the default), icmp or tcp, as {@code traceroute}'s default, {@code -I} and {@code -T}. */
  private static TraceMode traceMode(YamlBlock b) throws ConfigException {
    String protocol = b.oneOf("protocol", b.string("protocol", "udp"), Set.of("udp", "icmp", "tcp"));
    return TraceMode.valueOf(protocol.toUpperCase(java.util.Locale.ROOT));
  }

  private static OptionalInt tracePort(YamlBlock b) throws ConfigException {
    long port = b.integer("port", 0, 0, 65_535);
    return port == 0 ? OptionalInt.empty() : OptionalInt.of((int) port);
  }
}
