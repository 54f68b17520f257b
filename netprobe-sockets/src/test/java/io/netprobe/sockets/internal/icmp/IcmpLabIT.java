package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ping and traceroute through a namespace lab: client → 3 routers (the second sends no time-exceeded) → server.
 * Compared with iputils ping and traceroute on the same lab.
 */
class IcmpLabIT {
  private static final Pattern HOP_LINE = Pattern.compile("^\\s*(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
  private static Lab lab;

  @BeforeAll
  static void buildLab() {
    lab = Lab.upOrSkip(IcmpLabIT.class, 3, "2", 0);
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  private static ProbeClient client(SocketPolicy policy) {
    return Probes.builder().backend(new LinuxPingBackend(policy)).backend(new LinuxTracerouteBackend(policy))
        .timeout(Duration.ofSeconds(10)).build();
  }

  private void allowUnprivilegedIcmp(boolean allow) {
    lab.sysctl(lab.client(), "net.ipv4.ping_group_range=" + (allow ? "0 2147483647" : "1 0"));
  }

  private static List<String> expectedRoute(boolean v6) {
    return List.of(compact(lab.router(1, v6)), "*", compact(lab.router(3, v6)), compact(lab.server(v6)));
  }

  private static List<String> route(TracerouteResult r) {
    List<String> route = new ArrayList<>();
    for (Hop h : r.hops()) {
      route.add(h.address().map(a -> a.getHostAddress()).map(IcmpLabIT::compact).orElse("*"));
    }
    return route;
  }

  private static String compact(String address) {
    return address.contains(":") ? canonical(address) : address;
  }

  private static String canonical(String v6) {
    try {
      byte[] raw = java.net.InetAddress.getByName(v6).getAddress();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i += 2) {
        b.append(i == 0 ? "" : ":").append(Integer.toHexString(((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff)));
      }
      return b.toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hops {@code traceroute -n} prints, with {@code *} for silent ones. */
  private static List<String> tracerouteTool(String target, boolean icmp) {
    List<String> command = new ArrayList<>(List.of("traceroute", "-n", "-q", "1", "-w", "1"));
    if (icmp) {
      command.add("-I");
    }
    command.add(target);
    String out = lab.inClient(command.toArray(String[]::new));
    List<String> hops = new ArrayList<>();
    Matcher m = HOP_LINE.matcher(out);
    while (m.find()) {
      hops.add(compact(m.group(2)));
    }
    return hops;
  }

  @Test
  void udpTraceFindsTheRoutersInOrderAndMatchesTraceroute() {
    for (boolean v6 : new boolean[] {false, true}) {
      List<Hop> streamed = new CopyOnWriteArrayList<>();
      TracerouteResult r = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).traceroute(lab.server(v6))
          .maxHops(10).probeTimeout(Duration.ofSeconds(1)).onHop(streamed::add).run());
      assertThat(r.failure()).isEmpty();
      assertThat(r.reached()).isTrue();
      List<String> expected = expectedRoute(v6);
      assertThat(route(r)).as("IPv%s hops", v6 ? 6 : 4).isEqualTo(expected);
      assertThat(r.hops().get(1).isSilent()).isTrue();
      assertThat(r.hops().get(1).probes()).hasSize(3);
      assertThat(r.hops().get(0).probes()).allSatisfy(p -> {
        assertThat(p.icmpType()).isEqualTo(v6 ? 3 : 11);
        assertThat(p.rtt()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMillis(100)));
      });
      assertThat(r.hops().get(3).reachedDestination()).isTrue();
      assertThat(streamed).extracting(Hop::ttl).containsExactly(1, 2, 3, 4);
      assertThat(route(r)).isEqualTo(tracerouteTool(lab.server(v6), false));
      assertThat(r.elapsed()).as("a silent hop costs one short wait, not one timeout per probe")
          .isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void icmpTraceWorksWithRawAndDatagramSocketsAndMatchesTracerouteMinusI() {
    allowUnprivilegedIcmp(true);
    try {
      for (SocketPolicy policy : new SocketPolicy[] {SocketPolicy.RAW_ONLY, SocketPolicy.DATAGRAM_ONLY}) {
        for (boolean v6 : new boolean[] {false, true}) {
          TracerouteResult r = Netns.inside(lab.client(), () -> client(policy).traceroute(lab.server(v6))
              .mode(TraceMode.ICMP).maxHops(10).run());
          assertThat(r.failure()).isEmpty();
          assertThat(r.method()).contains(policy == SocketPolicy.RAW_ONLY ? PingMethod.RAW_ICMP
              : PingMethod.DATAGRAM_ICMP);
          assertThat(r.reached()).as("%s IPv%s", policy, v6 ? 6 : 4).isTrue();
          List<String> expected = expectedRoute(v6);
          assertThat(route(r)).as("%s IPv%s", policy, v6 ? 6 : 4).isEqualTo(expected);
          assertThat(r.hops().get(3).probes()).allSatisfy(p -> assertThat(p.icmpType()).isEqualTo(v6 ? 129 : 0));
          assertThat(route(r)).isEqualTo(tracerouteTool(lab.server(v6), true));
        }
      }
    } finally {
      allowUnprivilegedIcmp(false);
    }
  }

  @Test
  void unreachableNetworkIsAnnotatedAndEndsTheTrace() {
    // Router 1 rejects 198.18.0.0/15 with "net unreachable" from nft: the kernel's own no-route errors are
    // rate-limited by net.ipv4.route.error_burst (5), a global setting this test must not change.
    lab.inClient("ip", "route", "replace", "198.18.0.0/15", "via", lab.router(1, false));
    Lab.sh("ip", "-n", lab.node(1), "route", "replace", "198.18.0.0/15", "via", "10.77.1.2");
    Lab.sh("ip", "netns", "exec", lab.node(1), "nft", "add table ip np; add chain ip np rejects { type filter hook "
        + "forward priority 0; }; add rule ip np rejects ip daddr 198.18.0.0/15 reject with icmp type net-unreachable");
    TracerouteResult r = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).traceroute("198.18.0.1").maxHops(5)
        .run());
    assertThat(r.reached()).isFalse();
    // TTL 1 expires at router 1; TTL 2 passes the TTL check there and meets the reject rule
    assertThat(r.hops()).hasSize(2);
    assertThat(r.hops().get(0).annotation()).isEmpty();
    assertThat(r.hops().get(1).annotation()).contains("!N");
    assertThat(r.hops()).allSatisfy(h -> assertThat(h.address().map(a -> a.getHostAddress()))
        .contains(lab.router(1, false)));
    assertThat(lab.inClient("traceroute", "-n", "-m", "5", "198.18.0.1")).contains("!N");

    List<IcmpError> heard = new CopyOnWriteArrayList<>();
    PingResult p = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).ping("198.18.0.1").count(2)
        .interval(Duration.ofMillis(50)).onReply(new PingListener() {
          @Override
          public void onReply(PingReply reply) {
            throw new AssertionError("no reply expected: " + reply);
          }

          @Override
          public void onError(IcmpError error) {
            heard.add(error);
          }
        }).run());
    assertThat(p.failureKind()).contains(FailureKind.NETWORK_UNREACHABLE);
    assertThat(heard).as("errors reach the listener as they arrive").containsExactlyElementsOf(p.errors());
    assertThat(p.errors()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.source().getHostAddress()).isEqualTo(lab.router(1, false));
      assertThat(e.description()).isEqualTo("Destination Net Unreachable");
    });
    assertThat(p.failure().get().message()).contains("Destination Net Unreachable");
  }

  @Test
  void aTtlOfOneExpiresAtTheFirstRouterLikePingT1() {
    String theirs = lab.inClientAllowingFailure("ping", "-n", "-c", "1", "-W", "1", "-t", "1", lab.server(false));
    assertThat(theirs).contains("From " + lab.router(1, false) + " icmp_seq=1 Time to live exceeded");

    PingResult ours = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).ping(lab.server(false)).count(1)
        .ttl(1).run());

    assertThat(ours.received()).isZero();
    assertThat(ours.errors()).singleElement().satisfies(e -> {
      assertThat(e.source().getHostAddress()).isEqualTo(lab.router(1, false));
      assertThat(e.description()).isEqualTo("Time to live exceeded");
    });
    PingResult two = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).ping(lab.server(false)).count(1)
        .ttl(4).run());
    assertThat(two.received()).as("4 hops reach the server behind 3 routers").isEqualTo(1);
  }

  @Test
  void pingsTheServerThroughTheRoutersWithRawAndDatagramSockets() {
    allowUnprivilegedIcmp(true);
    try {
      for (SocketPolicy policy : new SocketPolicy[] {SocketPolicy.RAW_ONLY, SocketPolicy.DATAGRAM_ONLY}) {
        for (boolean v6 : new boolean[] {false, true}) {
          PingResult r = Netns.inside(lab.client(), () -> client(policy).ping(lab.server(v6)).count(5)
              .interval(Duration.ofMillis(10)).run());
          assertThat(r.failure()).as("%s IPv%s", policy, v6 ? 6 : 4).isEmpty();
          assertThat(r.received()).isEqualTo(5);
          assertThat(r.replies()).allSatisfy(reply -> assertThat(reply.ttl()).as("64 minus 3 routers").isEqualTo(61));
        }
      }
    } finally {
      allowUnprivilegedIcmp(false);
    }
  }

  @Test
  void unprivilegedUserPingsAndTracesWhenThePingGroupRangeAdmitsIt() {
    allowUnprivilegedIcmp(true);
    try {
      PingResult ping = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO).ping(lab.server(false))
          .count(3).interval(Duration.ofMillis(10)).run());
      assertThat(ping.failure()).isEmpty();
      assertThat(ping.method()).contains(PingMethod.DATAGRAM_ICMP);
      assertThat(ping.received()).isEqualTo(3);
      PingResult ping6 = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO).ping(lab.server(true))
          .count(3).interval(Duration.ofMillis(10)).run());
      assertThat(ping6.method()).contains(PingMethod.DATAGRAM_ICMP);
      assertThat(ping6.received()).isEqualTo(3);
      TracerouteResult trace = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO)
          .traceroute(lab.server(false)).mode(TraceMode.ICMP).maxHops(10).run());
      assertThat(trace.reached()).isTrue();
      assertThat(route(trace)).isEqualTo(expectedRoute(false));
    } finally {
      allowUnprivilegedIcmp(false);
    }
  }

  @Test
  void unprivilegedUserIsToldWhyAndHowToFixWhenTheRangeDoesNotAdmitIt() {
    allowUnprivilegedIcmp(false);
    PingResult denied = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO).ping(lab.server(false))
        .count(1).run());
    assertThat(denied.failureKind()).contains(FailureKind.PERMISSION_DENIED);
    assertThat(denied.failure().get().message()).contains("\"1 0\"").contains("[65534]")
        .contains("CAP_NET_RAW, which this process does not have").contains("ping_group_range=\"0 2147483647\"")
        .contains("--cap-add NET_RAW");
    assertThat(denied.transmitted()).isZero();

    PingSweepResult sweep = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO)
        .pingAll(lab.server(false), lab.server(true)).run());
    assertThat(sweep.failureKind()).contains(FailureKind.PERMISSION_DENIED);
    assertThat(sweep.results()).hasSize(2).allSatisfy(r -> assertThat(r.failureKind())
        .contains(FailureKind.PERMISSION_DENIED));

    List<PingReply> connects = new CopyOnWriteArrayList<>();
    PingResult fallback = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO)
        .ping(lab.server(false)).count(2).interval(Duration.ofMillis(10)).allowTcpFallback(9).onReply(connects::add)
        .run());
    assertThat(connects).as("TCP fallback answers reach the listener").containsExactlyElementsOf(fallback.replies());
    assertThat(fallback.failure()).isEmpty();
    assertThat(fallback.method()).contains(PingMethod.TCP_CONNECT);
    assertThat(fallback.method().get().isIcmp()).isFalse();
    assertThat(fallback.received()).as("a refused connect (RST) is an answer").isEqualTo(2);

    TracerouteResult udp = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO)
        .traceroute(lab.server(false)).maxHops(10).run());
    assertThat(udp.reached()).as("UDP traceroute needs no privileges").isTrue();
    TracerouteResult icmp = Netns.insideAs(lab.client(), 65534, () -> client(SocketPolicy.AUTO)
        .traceroute(lab.server(false)).mode(TraceMode.ICMP).run());
    assertThat(icmp.failureKind()).contains(FailureKind.PERMISSION_DENIED);
  }

  @Test
  void sweepsRoutersAndServerOverBothFamilies() {
    List<String> hosts = List.of(lab.router(1, false), lab.router(3, false), lab.server(false), lab.server(true),
        lab.router(1, true), "10.77.2.99");
    PingSweepResult r = Netns.inside(lab.client(), () -> client(SocketPolicy.AUTO).pingAll(hosts).count(2)
        .interval(Duration.ofMillis(20)).replyTimeout(Duration.ofMillis(500)).run());
    assertThat(r.failure()).isEmpty();
    assertThat(r.results()).hasSize(6);
    assertThat(r.alive()).hasSize(5);
    assertThat(r.unreachable()).singleElement().satisfies(u -> {
      assertThat(u.spec().host().ascii()).isEqualTo("10.77.2.99");
      assertThat(u.failureKind()).hasValueSatisfying(k -> assertThat(k).isIn(FailureKind.TIMEOUT,
          FailureKind.HOST_UNREACHABLE));
    });
    assertThat(r.result(lab.server(true))).flatMap(PingResult::address).isPresent();
    assertThat(r.result(lab.server(false)).map(PingResult::received)).contains(2);
    assertThat(r.transmitted()).isEqualTo(12);
    assertThat(r.received()).isEqualTo(10);
  }

  @Test
  void pingLossFollowsTheDropRateLikeIputilsPing() {
    try (Lab lossy = Lab.up(1, "", 30)) {
      int count = 200;
      PingResult r = Netns.inside(lossy.client(), () -> client(SocketPolicy.AUTO).ping(lossy.server(false))
          .count(count).interval(Duration.ofMillis(2)).replyTimeout(Duration.ofMillis(300))
          .timeout(Duration.ofSeconds(10)).run());
      String out = lossy.inClient("ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.002", "-W", "1",
          lossy.server(false));
      Matcher m = Pattern.compile("(\\d+) received").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      double toolLoss = 100.0 * (count - Integer.parseInt(m.group(1))) / count;
      System.out.printf("loss with 30%% drop: netprobe %.1f%%, iputils ping %.1f%%%n", r.lossPercent(), toolLoss);
      assertThat(r.transmitted()).isEqualTo(count);
      // binomial n=200, p=0.3: sigma = 3.2 points; allow 4 sigma around the rate
      assertThat(r.lossPercent()).isBetween(17.0, 43.0);
      assertThat(toolLoss).isBetween(17.0, 43.0);
      assertThat(Math.abs(r.lossPercent() - toolLoss)).isLessThan(20.0);
      assertThat(r.replies()).extracting(reply -> reply.duplicate()).containsOnly(false);
      assertThat(Optional.of(r.statistics().min())).hasValueSatisfying(min ->
          assertThat(min).isLessThanOrEqualTo(r.statistics().avg()));
    }
  }

  @Test
  void duplicatedRepliesAreFlaggedAndLeftOutOfTheStatistics() {
    try (Lab dup = Lab.up(1, "", 0)) {
      String server = dup.node(2);
      Lab.sh("ip", "netns", "exec", server, "nft", "add table ip duper; add chain ip duper replies { type filter "
          + "hook output priority 0; }; add rule ip duper replies icmp type echo-reply dup to 10.77.1.1 device prv");
      Lab.sh("ip", "netns", "exec", server, "nft", "add table ip6 duper; add chain ip6 duper replies { type filter "
          + "hook output priority 0; }; add rule ip6 duper replies icmpv6 type echo-reply dup to fd77:0:0:1::1 "
          + "device prv");
      for (boolean v6 : new boolean[] {false, true}) {
        PingResult r = Netns.inside(dup.client(), () -> client(SocketPolicy.AUTO).ping(dup.server(v6)).count(5)
            .interval(Duration.ofMillis(20)).run());
        assertThat(r.received()).isEqualTo(5);
        assertThat(r.lossPercent()).isZero();
        assertThat(r.duplicates()).as("IPv%s duplicates", v6 ? 6 : 4).isPositive();
        assertThat(r.replies()).filteredOn(reply -> reply.duplicate()).hasSize(r.duplicates());
        assertThat(r.replies()).hasSize(5 + r.duplicates());
        String out = dup.inClient("ping", "-n", "-c", "5", "-i", "0.02", dup.server(v6));
        assertThat(out).as("iputils ping sees duplicates on the same lab").contains("duplicates");
      }
    }
  }
}
