package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.icmp.MtrHop;
import io.netprobe.icmp.MtrResult;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Probes.mtr} against {@code mtr -r} (Debian's mtr-tiny) on the ECMP lab: the same hops, the same sent
 * counts, no loss. netprobe probes as uid 65534; mtr runs as root (it needs a raw socket).
 */
class MtrLabIT {
  private static final Pattern MTR_LINE = Pattern.compile(
      "^\\s*(\\d+)\\.\\|-- (\\S+)\\s+([\\d.]+)%\\s+(\\d+)\\s", Pattern.MULTILINE);
  private static EcmpLab lab;

  @BeforeAll
  static void buildLab() {
    lab = EcmpLab.upOrSkip(MtrLabIT.class, false);
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  private record Line(int ttl, String host, double loss, int sent) {}

  private static List<Line> mtrReport(String... options) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.client(), "mtr", "-r", "-n", "-c", "5",
        "-i", "0.2"));
    command.addAll(List.of(options));
    command.add(EcmpLab.TARGET);
    String out = Lab.sh(command.toArray(String[]::new));
    System.out.println("MtrLabIT: mtr " + String.join(" ", options) + "\n" + out);
    List<Line> lines = new ArrayList<>();
    Matcher m = MTR_LINE.matcher(out);
    while (m.find()) {
      lines.add(new Line(Integer.parseInt(m.group(1)), m.group(2), Double.parseDouble(m.group(3)),
          Integer.parseInt(m.group(4))));
    }
    return lines;
  }

  @Test
  void tcpModeGivesTheSameHopsAndCountsAsMtrTcp() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mtr")),
        "mtr is not installed (apt-get install mtr-tiny)");
    // nothing listens on the target: both end on its RST to port 80; TCP probes need root (a raw socket)
    MtrResult ours = Netns.inside(lab.client(), () -> Probes.builder().backend(new LinuxTracerouteBackend())
        .build().mtr(EcmpLab.TARGET).mode(io.netprobe.icmp.TraceMode.TCP).cycles(5).interval(Duration.ofMillis(200))
        .run());
    List<Line> theirs = mtrReport("-T", "-P", "80");
    assertThat(ours.isSuccess()).as("%s", ours.failure()).isTrue();
    assertThat(ours.hops()).extracting(MtrHop::ttl).containsExactly(1, 2, 3, 4);
    assertThat(theirs).extracting(Line::ttl).containsExactly(1, 2, 3, 4);
    for (int i = 0; i < 4; i++) {
      MtrHop hop = ours.hops().get(i);
      assertThat(hop.sent()).isEqualTo(theirs.get(i).sent()).isEqualTo(5);
      assertThat(hop.lossPercent()).isEqualTo(theirs.get(i).loss()).isZero();
      List<String> addresses = hop.addresses().stream().map(InetAddress::getHostAddress).toList();
      if (i == 1) {
        assertThat(addresses).as("one source port, one flow, one branch in every cycle").hasSize(1)
            .isSubsetOf(EcmpLab.A, EcmpLab.B);
      } else {
        assertThat(addresses).containsExactly(theirs.get(i).host());
      }
    }
  }

  @Test
  void sameHopsAndCountsAsMtr() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mtr")),
        "mtr is not installed (apt-get install mtr-tiny)");
    List<Integer> cycles = new CopyOnWriteArrayList<>();
    MtrResult ours = Netns.insideAs(lab.client(), 65534, () -> Probes.builder().backend(new LinuxTracerouteBackend())
        .build().mtr(EcmpLab.TARGET).cycles(5).interval(Duration.ofMillis(200))
        .onCycle(s -> cycles.add(s.cycles())).run());
    List<Line> theirs = mtrReport("-u");
    assertThat(ours.isSuccess()).isTrue();
    assertThat(cycles).containsExactly(1, 2, 3, 4, 5);
    assertThat(ours.hops()).extracting(MtrHop::ttl).containsExactly(1, 2, 3, 4);
    assertThat(theirs).extracting(Line::ttl).containsExactly(1, 2, 3, 4);
    for (int i = 0; i < 4; i++) {
      MtrHop hop = ours.hops().get(i);
      Line line = theirs.get(i);
      assertThat(hop.sent()).isEqualTo(line.sent()).isEqualTo(5);
      assertThat(hop.lossPercent()).isEqualTo(line.loss()).isZero();
      List<String> addresses = hop.addresses().stream().map(InetAddress::getHostAddress).toList();
      if (i == 1) {
        assertThat(addresses).as("one source port, one flow, one branch in every cycle").hasSize(1)
            .isSubsetOf(EcmpLab.A, EcmpLab.B);
        assertThat(line.host()).isIn(EcmpLab.A, EcmpLab.B);
      } else {
        assertThat(addresses).containsExactly(line.host());
      }
      assertThat(hop.best().orElseThrow()).isLessThanOrEqualTo(hop.average().orElseThrow());
      assertThat(hop.average().orElseThrow()).isLessThanOrEqualTo(hop.worst().orElseThrow());
      assertThat(hop.stdev()).isPresent();
      assertThat(hop.jitter()).isPresent();
    }
  }
}
