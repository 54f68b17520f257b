package io.netprobe.health.config;

import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeResult;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * The probes a check definition can name in {@code probe=}, each typed by its result so that
 * {@link RuleText#parse(ProbeType, String)} returns a rule for exactly that result:
 *
 * <table>
 * <caption>Probe types</caption>
 * <tr><th>{@code probe=}</th><th>{@code target=}</th><th>options</th><th>rules</th><th>default expect</th></tr>
 * <tr><td>{@code http}</td><td>URL</td><td>{@code method}, {@code follow-redirects}, {@code insecure}</td>
 *     <td>{@code status}, {@code certificate}</td><td>{@code status 2xx}</td></tr>
 * <tr><td>{@code dns}</td><td>name (or IP for PTR)</td><td>{@code type}, {@code server}</td>
 *     <td>{@code answer}</td><td>{@code succeeds}</td></tr>
 * <tr><td>{@code tcp}</td><td>{@code host:port}</td><td></td><td></td><td>{@code succeeds}</td></tr>
 * <tr><td>{@code ping}</td><td>host</td><td>{@code count}, {@code ping-interval}</td>
 *     <td>{@code loss}, {@code rtt}</td><td>{@code succeeds}</td></tr>
 * <tr><td>{@code sockets}</td><td>none: this machine</td><td>{@code protocol}</td>
 *     <td>{@code listens}, {@code loopback-only}</td><td>{@code succeeds}</td></tr>
 * </table>
 *
 * <p>Every type also takes the rules {@code succeeds} and {@code faster-than}. Immutable and thread-safe.
 *
 * @param <R> the result type of the probe
 */
public final class ProbeType<R extends ProbeResult> {
  /** The rules every probe type takes. */
  static final List<String> COMMON_RULES = List.of("succeeds", "faster-than");

  /** {@code curl -I}: a URL. */
  public static final ProbeType<HttpProbeResult> HTTP = new ProbeType<>("http", HttpProbeResult.class,
      "a URL, like https://example.com/", List.of("method", "follow-redirects", "insecure"),
      List.of("status", "certificate"), "status 2xx", Requests::http);
  /** {@code dig}: a name, or an IP address for its PTR record. */
  public static final ProbeType<DnsResult> DNS = new ProbeType<>("dns", DnsResult.class,
      "a name, like example.com", List.of("type", "server"), List.of("answer"), "succeeds", Requests::dns);
  /** {@code nc -z}: a {@code host:port}. */
  public static final ProbeType<TcpConnectResult> TCP = new ProbeType<>("tcp", TcpConnectResult.class,
      "host:port, like db.internal:5432", List.of(), List.of(), "succeeds", Requests::tcp);
  /** {@code ping}: a host. */
  public static final ProbeType<PingResult> PING = new ProbeType<>("ping", PingResult.class,
      "a host, like 192.0.2.1", List.of("count", "ping-interval"), List.of("loss", "rtt"), "succeeds", Requests::ping);
  /** {@code ss -tln}: this machine's listening sockets; no target. */
  public static final ProbeType<ListeningSocketsResult> SOCKETS = new ProbeType<>("sockets",
      ListeningSocketsResult.class, null, List.of("protocol"), List.of("listens", "loopback-only"), "succeeds",
      Requests::sockets);

  private static final List<ProbeType<?>> ALL = List.of(HTTP, DNS, TCP, PING, SOCKETS);

  private final String name;
  private final Class<R> resultType;
  private final @Nullable String target;
  private final List<String> options;
  private final List<String> rules;
  private final String defaultExpect;
  private final Requests.Factory<R> requests;

  private ProbeType(String name, Class<R> resultType, @Nullable String target, List<String> options,
      List<String> ownRules, String defaultExpect, Requests.Factory<R> requests) {
    this.name = name;
    this.resultType = resultType;
    this.target = target;
    this.options = options;
    this.rules = Stream.concat(ownRules.stream(), COMMON_RULES.stream()).toList();
    this.defaultExpect = defaultExpect;
    this.requests = requests;
  }

  /** Every probe type, in the order of the table above. */
  public static List<ProbeType<?>> all() {
    return ALL;
  }

  /**
   * The probe type named {@code name}, in any case.
   *
   * @throws IllegalArgumentException when no type has that name; the message lists the names
   */
  public static ProbeType<?> of(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(t -> t.name.equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "probe must be " + names() + ", was \"" + name + "\""));
  }

  /** The name written in {@code probe=}: {@code http}, {@code dns}, {@code tcp}, {@code ping} or {@code sockets}. */
  public String name() {
    return name;
  }

  /** The result type its rules judge. */
  public Class<R> resultType() {
    return resultType;
  }

  /** Whether {@code target=} is required (every type but {@code sockets}) or not allowed. */
  public boolean takesTarget() {
    return target != null;
  }

  /** What {@code target=} holds, with an example; empty for {@code sockets}. */
  public Optional<String> targetDescription() {
    return Optional.ofNullable(target);
  }

  /**
   * The keys this type takes beyond those of every check ({@code probe}, {@code target}, {@code expect},
   * {@code interval}, {@code timeout}).
   */
  public List<String> options() {
    return options;
  }

  /** The rule names {@code expect} may use for this type: its own, then {@code succeeds} and {@code faster-than}. */
  public List<String> rules() {
    return rules;
  }

  /** The rules that apply when {@code expect} is absent or blank. */
  public String defaultExpect() {
    return defaultExpect;
  }

  /** The request a check of this type runs, from its target and options. */
  ProbeRequest<R, ?> request(CheckKeys keys, ProbeRunner client) {
    return requests.create(keys, client);
  }

  @Override
  public String toString() {
    return name;
  }

  private static String names() {
    List<String> n = ALL.stream().map(ProbeType::name).toList();
    return n.subList(0, n.size() - 1).stream().collect(Collectors.joining(", ")) + " or " + n.get(n.size() - 1);
  }
}
