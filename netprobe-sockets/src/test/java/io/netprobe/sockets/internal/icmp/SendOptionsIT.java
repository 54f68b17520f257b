package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.SendOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payload size, don't-fragment, TTL and source address / interface, against iputils ping in the same place: two
 * namespaces this test makes, joined by a veth pair with an MTU of 1280.
 */
class SendOptionsIT {
  private static final String HERE = "10.198.0.1";
  private static final String THERE = "10.198.0.2";
  private static final String ROUTER = "10.197.0.2";
  private static final String BEHIND = "10.197.1.2";
  private static final String BEHIND_TOO = "10.197.1.3";
  private static String a;
  private static String b;
  private static String r;
  private static String c;
  private static String veth;

  @BeforeAll
  static void namespaces() {
    String why = Lab.whyNot();
    Assumptions.assumeTrue(why == null, why);
    String id = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    a = "npmtua" + id;
    b = "npmtub" + id;
    veth = "npv" + id;
    Lab.sh("ip", "netns", "add", a);
    Lab.sh("ip", "netns", "add", b);
    Lab.sh("ip", "-n", a, "link", "add", veth, "mtu", "1280", "type", "veth", "peer", "name", veth + "b", "netns", b,
        "mtu", "1280");
    Lab.sh("ip", "-n", a, "addr", "add", HERE + "/30", "dev", veth);
    Lab.sh("ip", "-n", b, "addr", "add", THERE + "/30", "dev", veth + "b");
    for (String ns : List.of(a, b)) {
      Lab.sh("ip", "-n", ns, "link", "set", "lo", "up");
    }
    Lab.sh("ip", "-n", a, "link", "set", veth, "up");
    Lab.sh("ip", "-n", b, "link", "set", veth + "b", "up");
    // a -(1500)- r -(1280)- c: the router, not a, meets the small MTU
    r = "npmtur" + id;
    c = "npmtuc" + id;
    Lab.sh("ip", "netns", "add", r);
    Lab.sh("ip", "netns", "add", c);
    Lab.sh("ip", "-n", a, "link", "add", "npw" + id, "type", "veth", "peer", "name", "npwr" + id, "netns", r);
    Lab.sh("ip", "-n", r, "link", "add", "npx" + id, "mtu", "1280", "type", "veth", "peer", "name", "npxc" + id,
        "netns", c, "mtu", "1280");
    Lab.sh("ip", "-n", a, "addr", "add", "10.197.0.1/30", "dev", "npw" + id);
    Lab.sh("ip", "-n", r, "addr", "add", ROUTER + "/30", "dev", "npwr" + id);
    Lab.sh("ip", "-n", r, "addr", "add", "10.197.1.1/29", "dev", "npx" + id);
    Lab.sh("ip", "-n", c, "addr", "add", BEHIND + "/29", "dev", "npxc" + id);
    Lab.sh("ip", "-n", c, "addr", "add", BEHIND_TOO + "/29", "dev", "npxc" + id);
    for (String[] link : new String[][] {{a, "npw" + id}, {r, "npwr" + id}, {r, "npx" + id}, {c, "npxc" + id},
        {r, "lo"}, {c, "lo"}}) {
      Lab.sh("ip", "-n", link[0], "link", "set", link[1], "up");
    }
    Lab.sh("ip", "-n", a, "route", "add", "10.197.1.0/29", "via", ROUTER);
    Lab.sh("ip", "-n", c, "route", "add", "10.197.0.0/30", "via", "10.197.1.1");
    Lab.sh("ip", "netns", "exec", r, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0");
    // new veth pairs need a moment before they carry packets: wait (up to 5 s) for one answered echo each
    Lab.sh("ip", "netns", "exec", a, "ping", "-q", "-n", "-c", "1", "-w", "5", THERE);
    Lab.sh("ip", "netns", "exec", a, "ping", "-q", "-n", "-c", "1", "-w", "5", BEHIND);
  }

  @AfterAll
  static void remove() {
    for (String ns : new String[] {a, b, r, c}) {
      if (ns != null) {
        Lab.sh("ip", "netns", "del", ns);
      }
    }
  }

  private static PingSpec spec(String host, int payload, SendOptions options) {
    return new PingSpec(Host.of(host), 1, Duration.ofMillis(100), Duration.ofSeconds(1), payload, OptionalInt.empty(),
        OptionalInt.empty(), io.netprobe.icmp.PingListener.NONE, Duration.ofSeconds(3), options);
  }

  private static PingResult ping(PingSpec spec) {
    return Netns.inside(a, () -> {
      try (LinuxPingBackend backend = new LinuxPingBackend()) {
        return backend.ping(spec, Deadline.after(spec.timeout()));
      }
    });
  }

  private static String iputils(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("ip", "netns", "exec", a, "ping", "-n", "-c", "1",
        "-W", "1"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      return "exit " + p.exitValue() + ": " + out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final SendOptions DF = SendOptions.DEFAULT.withDontFragment(true);

  @Test
  void dontFragmentReportsMessageTooLongWithThePathMtuLikePing() {
    String theirs = iputils("-M", "do", "-s", "1300", THERE);
    assertThat(theirs).startsWith("exit 1").contains("message too long, mtu=1280");

    PingResult ours = ping(spec(THERE, 1300, DF));

    assertThat(ours.received()).isZero();
    assertThat(ours.errors()).hasSize(1);
    IcmpError e = ours.errors().get(0);
    assertThat(e.type()).isEqualTo(-1);
    assertThat(e.code()).isEqualTo(LibCErrno.EMSGSIZE);
    assertThat(e.description()).isEqualTo("local error: message too long, path MTU 1280");
    assertThat(ours.failure()).map(ProbeFailure::message).hasValueSatisfying(m -> assertThat(m)
        .contains("message too long, path MTU 1280"));
  }

  @Test
  void aRoutersFragmentationNeededCarriesTheMtuAndTheNextEchoFailsLocallyLikePing() {
    // each side pings its own address behind the router, so neither finds the other's learnt path MTU
    String theirs = iputils("-c", "2", "-i", "0.2", "-M", "do", "-s", "1400", BEHIND_TOO);
    assertThat(theirs).contains("From " + ROUTER + " icmp_seq=1 Frag needed and DF set (mtu = 1280)")
        .contains("local error: message too long, mtu=1280");

    PingResult ours = ping(spec(BEHIND, 1400, DF).withCount(2).withInterval(Duration.ofMillis(200)));

    assertThat(ours.received()).isZero();
    assertThat(ours.errors()).extracting(IcmpError::sequence, e -> e.source().getHostAddress(),
        IcmpError::description).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ROUTER, "Frag needed and DF set (mtu = 1280)"),
            org.assertj.core.groups.Tuple.tuple(2, BEHIND, "local error: message too long, path MTU 1280"));
  }

  @Test
  void theLargestEchoThatFitsTheMtuGoesThroughWithDontFragmentAndALargerOneWithoutIt() {
    // 1252 + 8 (ICMP) + 20 (IPv4) = 1280
    assertThat(iputils("-M", "do", "-s", "1252", THERE)).startsWith("exit 0").contains("1260 bytes from");
    PingResult fits = ping(spec(THERE, 1252, DF));
    assertThat(fits.received()).isEqualTo(1);
    assertThat(fits.replies()).extracting(PingReply::size).containsExactly(1260);

    assertThat(iputils("-M", "dont", "-s", "1300", THERE)).startsWith("exit 0").contains("1308 bytes from");
    PingResult fragmented = ping(spec(THERE, 1300, SendOptions.DEFAULT));
    assertThat(fragmented.received()).isEqualTo(1);
    assertThat(fragmented.replies()).extracting(PingReply::size).containsExactly(1308);
  }

  @Test
  void aSweepTakesTheSameOptions() {
    PingSweepSpec sweep = new PingSweepSpec(List.of(Host.of(THERE), Host.of(HERE)), 1, Duration.ofMillis(100),
        Duration.ZERO, Duration.ofSeconds(1), 1300, OptionalInt.of(3), Duration.ofSeconds(3), DF);
    PingSweepResult r = Netns.inside(a, () -> {
      try (LinuxPingBackend backend = new LinuxPingBackend()) {
        return backend.sweep(sweep, Deadline.after(sweep.timeout()));
      }
    });
    // to the peer the 1328-byte datagram exceeds the veth MTU; to our own address it goes over lo (MTU 65536)
    assertThat(r.results().get(0).errors()).extracting(IcmpError::description)
        .containsExactly("local error: message too long, path MTU 1280");
    assertThat(r.results().get(1).received()).isEqualTo(1);
  }

  @Test
  void sourceAddressAndInterfaceWorkAndOnesThisMachineLacksAreClearErrors() throws Exception {
    assertThat(iputils("-I", HERE, THERE)).startsWith("exit 0");
    PingResult fromAddress = ping(spec(THERE, 56,
        SendOptions.DEFAULT.withSourceAddress(Optional.of(InetAddress.getByName(HERE)))));
    assertThat(fromAddress.received()).isEqualTo(1);

    assertThat(iputils("-I", veth, THERE)).startsWith("exit 0");
    PingResult throughInterface = ping(spec(THERE, 56, SendOptions.DEFAULT.withSourceInterface(Optional.of(veth))));
    assertThat(throughInterface.received()).isEqualTo(1);

    assertThat(iputils("-I", "10.9.9.9", THERE)).doesNotStartWith("exit 0").contains("Cannot assign requested address");
    PingResult notOurs = ping(spec(THERE, 56,
        SendOptions.DEFAULT.withSourceAddress(Optional.of(InetAddress.getByName("10.9.9.9")))));
    assertThat(notOurs.transmitted()).isZero();
    assertThat(notOurs.failure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.NETWORK_ERROR);
      assertThat(f.message()).startsWith("the source address is not an address of this machine: ")
          .contains("10.9.9.9").contains("EADDRNOTAVAIL");
    });

    assertThat(iputils("-I", "npnosuch0", THERE)).doesNotStartWith("exit 0");
    PingResult noInterface = ping(spec(THERE, 56,
        SendOptions.DEFAULT.withSourceInterface(Optional.of("npnosuch0"))));
    assertThat(noInterface.failure()).hasValueSatisfying(f -> assertThat(f.message())
        .startsWith("there is no such interface: ").contains("npnosuch0"));

    PingResult wrongFamily = ping(spec(THERE, 56,
        SendOptions.DEFAULT.withSourceAddress(Optional.of(InetAddress.getByName("::1")))));
    assertThat(wrongFamily.failure()).map(ProbeFailure::message)
        .contains("the source address ::1 is IPv6 but the target " + THERE + " is IPv4");
  }

  /** errno values of the tests' expectations. */
  private static final class LibCErrno {
    static final int EMSGSIZE = 90;
  }
}
