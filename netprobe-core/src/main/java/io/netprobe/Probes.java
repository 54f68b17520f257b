package io.netprobe;

import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingSweepRequest;
import io.netprobe.icmp.MtrRequest;
import io.netprobe.icmp.TracerouteRequest;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.TcpConnectRequest;
import java.util.Collection;

/**
 * netprobe's entry point: the operator's outage checklist as typed calls.
 *
 * <pre>{@code
 * DnsResult dns = Probes.dns("quizai.juwonpark.me").run();          // dig
 * HttpProbeResult head = Probes.http("https://quizai.juwonpark.me").run(); // curl -I
 * PingResult ping = Probes.ping("8.8.8.8").count(4).run();          // ping -c 4
 * }</pre>
 *
 * <p>Every method here uses one shared default {@link ProbeClient} (5 s timeout, backends from the class path). Use
 * {@link #builder()} for a client with other defaults or explicit backends. Thread-safe.
 */
public final class Probes {
  private static final class Default {
    static final ProbeClient INSTANCE = ProbeClient.builder().build();
  }

  private Probes() {}

  /** A builder for a client with its own defaults. */
  public static ProbeClient.Builder builder() {
    return ProbeClient.builder();
  }

  /** The shared default client behind the static methods. */
  public static ProbeClient defaultClient() {
    return Default.INSTANCE;
  }

  /** See {@link ProbeClient#dns(String)}. */
  public static DnsRequest dns(String name) {
    return Default.INSTANCE.dns(name);
  }

  /** See {@link ProbeClient#dnsBatch(Collection)}. */
  public static DnsBatchRequest dnsBatch(Collection<String> names) {
    return Default.INSTANCE.dnsBatch(names);
  }

  /** See {@link ProbeClient#http(String)}. */
  public static HttpProbeRequest http(String url) {
    return Default.INSTANCE.http(url);
  }

  /** See {@link ProbeClient#listeningSockets()}. */
  public static ListeningSocketsRequest listeningSockets() {
    return Default.INSTANCE.listeningSockets();
  }

  /** See {@link ProbeClient#tcp(String, int)}. */
  public static TcpConnectRequest tcp(String host, int port) {
    return Default.INSTANCE.tcp(host, port);
  }

  /** See {@link ProbeClient#tcpConversation(String, int)}. */
  public static io.netprobe.sockets.TcpConversationRequest tcpConversation(String host, int port) {
    return Default.INSTANCE.tcpConversation(host, port);
  }

  /** See {@link ProbeClient#grpcHealth(String, int)}. */
  public static io.netprobe.grpc.GrpcHealthRequest grpcHealth(String host, int port) {
    return Default.INSTANCE.grpcHealth(host, port);
  }

  /** See {@link ProbeClient#ping(String)}. */
  public static PingRequest ping(String host) {
    return Default.INSTANCE.ping(host);
  }

  /** See {@link ProbeClient#pingAll(java.util.Collection)}. */
  public static PingSweepRequest pingAll(java.util.Collection<String> hosts) {
    return Default.INSTANCE.pingAll(hosts);
  }

  /** See {@link ProbeClient#pingAll(String, String...)}. */
  public static PingSweepRequest pingAll(String first, String... more) {
    return Default.INSTANCE.pingAll(first, more);
  }

  /** See {@link ProbeClient#traceroute(String)}. */
  public static TracerouteRequest traceroute(String host) {
    return Default.INSTANCE.traceroute(host);
  }

  /** See {@link ProbeClient#mtr(String)}. */
  public static MtrRequest mtr(String host) {
    return Default.INSTANCE.mtr(host);
  }

  /** See {@link ProbeClient#diagnose(String)}. */
  public static DiagnosisRequest diagnose(String url) {
    return Default.INSTANCE.diagnose(url);
  }
}
