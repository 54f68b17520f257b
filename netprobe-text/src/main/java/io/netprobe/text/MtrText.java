package io.netprobe.text;

import io.netprobe.icmp.MtrHop;
import io.netprobe.icmp.MtrResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * mtr's text for an {@link MtrResult}: the report of {@code mtr -r -n} (column for column: Loss%, Snt, Last, Avg,
 * Best, Wrst, StDev in milliseconds, further responders of a hop on lines of their own) and the screen of the live
 * view, which adds the jitter columns. Stateless; thread-safe.
 */
public final class MtrText {
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private MtrText() {}

  /**
   * What {@code mtr -r -n} prints:
   *
   * <pre>
   * Start: 2026-12-06T16:53:25+0000
   * HOST: vm                          Loss%   Snt   Last   Avg  Best  Wrst StDev
   *   1.|-- 10.78.0.2                  0.0%     2    0.1   0.1   0.1   0.1   0.0
   * </pre>
   *
   * @param localHost the name on the {@code HOST:} line (mtr prints the local host name)
   */
  public static String report(MtrResult r, String localHost) {
    StringBuilder sb = new StringBuilder();
    sb.append("Start: ").append(START.format(r.started())).append('\n');
    sb.append(String.format(Locale.ROOT, "HOST: %-28sLoss%%   Snt   Last   Avg  Best  Wrst StDev%n", localHost));
    for (MtrHop h : r.hops()) {
      List<InetAddress> addresses = h.addresses();
      String first = addresses.isEmpty() ? "???" : Formats.address(addresses.get(0));
      sb.append(String.format(Locale.ROOT, "%3d.|-- %-25s%5.1f%% %5d %6s %5s %5s %5s %5s%n", h.ttl(), first,
          h.lossPercent(), h.sent(), ms(h.last()), ms(h.average()), ms(h.best()), ms(h.worst()),
          ms(h.stdev().or(() -> h.received() > 0 ? Optional.of(Duration.ZERO) : Optional.empty()))));
      for (int i = 1; i < addresses.size(); i++) {
        sb.append(String.format(Locale.ROOT, "        %-33s%n", Formats.address(addresses.get(i))));
      }
    }
    r.failure().ifPresent(f -> sb.append("mtr: ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  /**
   * The live screen after a cycle: a title with the target and the cycle count, then per hop Loss%, Snt, Last,
   * Avg, Best, Wrst, StDev and the jitter columns Jttr, Javg, Jmax.
   */
  public static String screen(MtrResult r, Instant now) {
    StringBuilder sb = new StringBuilder();
    String target = r.address().map(Formats::address).orElse(r.spec().host().ascii());
    sb.append(String.format(Locale.ROOT, "netprobe mtr to %s (%s)  %d cycles  %s%n", r.spec().host().input(), target,
        r.cycles(), START.format(now)));
    sb.append(String.format(Locale.ROOT, "%-30s %6s %5s %6s %6s %6s %6s %6s %6s %6s %6s%n", " Host", "Loss%", "Snt",
        "Last", "Avg", "Best", "Wrst", "StDev", "Jttr", "Javg", "Jmax"));
    for (MtrHop h : r.hops()) {
      List<InetAddress> addresses = h.addresses();
      String first = addresses.isEmpty() ? "???" : Formats.address(addresses.get(0));
      sb.append(String.format(Locale.ROOT, "%3d. %-25s %5.1f%% %5d %6s %6s %6s %6s %6s %6s %6s %6s%n", h.ttl(),
          first, h.lossPercent(), h.sent(), ms(h.last()), ms(h.average()), ms(h.best()), ms(h.worst()),
          ms(h.stdev()), ms(h.jitter()), ms(h.jitterAverage()), ms(h.jitterWorst())));
      for (int i = 1; i < addresses.size(); i++) {
        sb.append("     ").append(Formats.address(addresses.get(i))).append('\n');
      }
    }
    return sb.toString();
  }

  /** Milliseconds with one decimal, as mtr prints them; {@code 0.0} with no answer (mtr's report does the same). */
  private static String ms(Optional<Duration> d) {
    return String.format(Locale.ROOT, "%.1f", d.orElse(Duration.ZERO).toNanos() / 1e6);
  }
}
