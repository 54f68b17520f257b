package io.netprobe.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * netprobe's settings under {@code netprobe.*}: the checks ({@code netprobe.checks.<name>.*}, read as
 * netprobe-health's check definitions read {@code check.<name>.*}), the default probe timeout, metrics and the
 * diagnosis the {@code netprobe} endpoint runs.
 *
 * <p>Mutable (Spring binds it); not thread-safe until bound, then only read.
 */
@ConfigurationProperties(prefix = NetprobeProperties.PREFIX)
public class NetprobeProperties {
  /** The prefix of every key. */
  public static final String PREFIX = "netprobe";

  /** Whether netprobe's auto-configuration is on: the ProbeClient, the checks, health, the endpoint, the meters. */
  private boolean enabled = true;

  /** The default deadline of every probe; a check's own timeout overrides it. */
  private Duration timeout = Duration.ofSeconds(5);

  /** The checks, by name (1 to 64 letters, digits, '_' or '-'), run in the background. */
  private Map<String, Check> checks = new LinkedHashMap<>();

  /** Micrometer meters of probes and checks. */
  private final Metrics metrics = new Metrics();

  /** The diagnosis the netprobe endpoint runs for a configured http check on request. */
  private final Diagnosis diagnosis = new Diagnosis();

  /** How checks appear in Actuator health. */
  private final Health health = new Health();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Map<String, Check> getChecks() {
    return checks;
  }

  public void setChecks(Map<String, Check> checks) {
    this.checks = checks;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Diagnosis getDiagnosis() {
    return diagnosis;
  }

  public Health getHealth() {
    return health;
  }

  /** {@code netprobe.health.*}. Mutable; not thread-safe until bound. */
  public static class Health {
    /**
     * The Actuator status of a DEGRADED check (works, needs attention): UP by default (with "degraded": true in the
     * details); set DEGRADED and add it to management.endpoint.health.status.order to show it as its own status.
     */
    private String degradedStatus = "UP";

    /**
     * Whether the readiness health group (Boot's availability probes, or one configured under
     * management.endpoint.health.group.readiness) also includes netprobe, every check. Off by default: as with
     * Boot's own indicators, an external dependency joins readiness only when asked.
     */
    private boolean readiness = false;

    public boolean isReadiness() {
      return readiness;
    }

    public void setReadiness(boolean readiness) {
      this.readiness = readiness;
    }

    public String getDegradedStatus() {
      return degradedStatus;
    }

    public void setDegradedStatus(String degradedStatus) {
      this.degradedStatus = degradedStatus;
    }
  }

  /**
   * The probe a check runs. An enum so that IDEs complete {@code netprobe.checks.<name>.probe} (Spring's metadata
   * cannot hint the fields of map values); bound case-insensitively, so {@code probe: http} works.
   */
  public enum Probe {
    /** An HTTP(S) request to a URL, like {@code curl -I}. */
    HTTP,
    /** A DNS lookup of a name, like {@code dig}. */
    DNS,
    /** A TCP connect to host:port. */
    TCP,
    /** ICMP echoes to a host, like {@code ping}. */
    PING,
    /** This machine's listening sockets, like {@code ss -tuln}. */
    SOCKETS;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The HTTP method of an http check. */
  public enum Method {
    /** Response head only (the default). */
    HEAD,
    /** Response head and the start of the body. */
    GET,
    /** For servers that answer OPTIONS only. */
    OPTIONS
  }

  /** The protocol of a sockets check. */
  public enum Protocol {
    /** Listening TCP sockets (the default). */
    TCP,
    /** Bound UDP sockets. */
    UDP;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One check: {@code netprobe.checks.<name>.*}. Mutable; not thread-safe until bound. */
  public static class Check {
    /** The probe: http, dns, tcp, ping or sockets. */
    private @Nullable Probe probe;

    /**
     * What to probe: a URL (http), a name (dns), host:port (tcp), a host (ping); sockets checks take none.
     */
    private @Nullable String target;

    /**
     * Rules that must all hold, separated by ';', as netprobe-health writes them: "status 2xx; certificate 14d",
     * "answer 192.0.2.1", "loss 20%", "rtt 200ms", "listens 8080", "loopback-only 5432", "faster-than 1s",
     * "succeeds". Default: "status 2xx" for http, "succeeds" for the others.
     */
    private @Nullable String expect;

    /** How often the check runs (at least 100ms); 30s by default. */
    private @Nullable Duration interval;

    /** The probe's deadline; netprobe.timeout by default. */
    private @Nullable Duration timeout;

    /** http: the method, HEAD (default), GET or OPTIONS. */
    private @Nullable Method method;

    /** http: whether to follow redirects. */
    private @Nullable Boolean followRedirects;

    /** http: whether to accept any certificate (the certificate facts are still reported). */
    private @Nullable Boolean insecure;

    /** dns: the record type, A (default), AAAA, MX, TXT, ... */
    private @Nullable String type;

    /** dns: the server to ask, host or host:port (port 53 by default); the system's resolvers by default. */
    private @Nullable String server;

    /** ping: how many echoes to send. */
    private @Nullable Integer count;

    /** ping: the time between echoes. */
    private @Nullable Duration pingInterval;

    /** sockets: tcp (default) or udp. */
    private @Nullable Protocol protocol;

    /** The keys of this check as netprobe-health's check definitions name them; absent settings left out. */
    Map<String, String> toKeys() {
      Map<String, String> keys = new LinkedHashMap<>();
      put(keys, "probe", probe == null ? null : probe.key());
      put(keys, "target", target);
      put(keys, "expect", expect);
      put(keys, "interval", text(interval));
      put(keys, "timeout", text(timeout));
      put(keys, "method", method == null ? null : method.name());
      put(keys, "follow-redirects", followRedirects == null ? null : followRedirects.toString());
      put(keys, "insecure", insecure == null ? null : insecure.toString());
      put(keys, "type", type);
      put(keys, "server", server);
      put(keys, "count", count == null ? null : count.toString());
      put(keys, "ping-interval", text(pingInterval));
      put(keys, "protocol", protocol == null ? null : protocol.key());
      return keys;
    }

    private static void put(Map<String, String> keys, String key, @Nullable String value) {
      if (value != null) {
        keys.put(key, value);
      }
    }

    /** A bound duration written back as netprobe-health's duration text ({@code 1500ms}); negative ones too. */
    private static @Nullable String text(@Nullable Duration d) {
      return d == null ? null : d.toMillis() + "ms";
    }

    public @Nullable Probe getProbe() {
      return probe;
    }

    public void setProbe(@Nullable Probe probe) {
      this.probe = probe;
    }

    public @Nullable String getTarget() {
      return target;
    }

    public void setTarget(@Nullable String target) {
      this.target = target;
    }

    public @Nullable String getExpect() {
      return expect;
    }

    public void setExpect(@Nullable String expect) {
      this.expect = expect;
    }

    public @Nullable Duration getInterval() {
      return interval;
    }

    public void setInterval(@Nullable Duration interval) {
      this.interval = interval;
    }

    public @Nullable Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
      this.timeout = timeout;
    }

    public @Nullable Method getMethod() {
      return method;
    }

    public void setMethod(@Nullable Method method) {
      this.method = method;
    }

    public @Nullable Boolean getFollowRedirects() {
      return followRedirects;
    }

    public void setFollowRedirects(@Nullable Boolean followRedirects) {
      this.followRedirects = followRedirects;
    }

    public @Nullable Boolean getInsecure() {
      return insecure;
    }

    public void setInsecure(@Nullable Boolean insecure) {
      this.insecure = insecure;
    }

    public @Nullable String getType() {
      return type;
    }

    public void setType(@Nullable String type) {
      this.type = type;
    }

    public @Nullable String getServer() {
      return server;
    }

    public void setServer(@Nullable String server) {
      this.server = server;
    }

    public @Nullable Integer getCount() {
      return count;
    }

    public void setCount(@Nullable Integer count) {
      this.count = count;
    }

    public @Nullable Duration getPingInterval() {
      return pingInterval;
    }

    public void setPingInterval(@Nullable Duration pingInterval) {
      this.pingInterval = pingInterval;
    }

    public @Nullable Protocol getProtocol() {
      return protocol;
    }

    public void setProtocol(@Nullable Protocol protocol) {
      this.protocol = protocol;
    }
  }

  /** {@code netprobe.metrics.*}. Mutable; not thread-safe until bound. */
  public static class Metrics {
    /** Whether the netprobe.probe timer publishes a percentile histogram (for histogram_quantile). */
    private boolean percentilesHistogram;

    /** How many distinct target tag values the probe timer makes; later targets are tagged "other". */
    private int maxTargets = 100;

    public boolean isPercentilesHistogram() {
      return percentilesHistogram;
    }

    public void setPercentilesHistogram(boolean percentilesHistogram) {
      this.percentilesHistogram = percentilesHistogram;
    }

    public int getMaxTargets() {
      return maxTargets;
    }

    public void setMaxTargets(int maxTargets) {
      this.maxTargets = maxTargets;
    }
  }

  /** {@code netprobe.diagnosis.*}. Mutable; not thread-safe until bound. */
  public static class Diagnosis {
    /**
     * Hosts the diagnosis pings to tell "no network" from "site down"; netprobe's defaults (public resolvers) when
     * empty.
     */
    private List<String> networkTargets = new ArrayList<>();

    /** The DNS server the diagnosis asks, host:port; the system's resolvers when empty. */
    private @Nullable String dnsServer;

    /** The deadline of the whole diagnosis. */
    private Duration timeout = Duration.ofSeconds(10);

    public List<String> getNetworkTargets() {
      return networkTargets;
    }

    public void setNetworkTargets(List<String> networkTargets) {
      this.networkTargets = networkTargets;
    }

    public @Nullable String getDnsServer() {
      return dnsServer;
    }

    public void setDnsServer(@Nullable String dnsServer) {
      this.dnsServer = dnsServer;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }
}
