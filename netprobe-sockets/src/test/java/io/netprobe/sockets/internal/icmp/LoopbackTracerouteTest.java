package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.TracerouteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reverse names of hops ({@code traceroute} without {@code -n}) on loopback, where the name comes from
 * {@code /etc/hosts} and no lookup leaves the machine; the lab ITs trace with {@code -n} because their addresses
 * have no local names.
 */
class LoopbackTracerouteTest {
  private final ProbeClient client = Probes.builder().backend(new LinuxTracerouteBackend()).build();

  /** The first name /etc/hosts gives 127.0.0.1, which is what glibc's reverse lookup answers from files. */
  private static Optional<String> hostsName() throws IOException {
    Path hosts = Path.of("/etc/hosts");
    if (!Files.isReadable(hosts)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(hosts)) {
      String[] fields = line.replaceAll("#.*", "").trim().split("\\s+");
      if (fields.length >= 2 && fields[0].equals("127.0.0.1")) {
        return Optional.of(fields[1]);
      }
    }
    return Optional.empty();
  }

  @Test
  void resolveNamesNamesTheHopFromTheHostsFileLikeTraceroute() throws Exception {
    Optional<String> hostsName = hostsName();
    assumeTrue(hostsName.isPresent(), "/etc/hosts does not name 127.0.0.1: a reverse lookup of it could go to DNS");
    String expected = hostsName.get();
    TracerouteResult named = client.traceroute("127.0.0.1").maxHops(3).resolveNames().run();
    assertThat(named.reached()).as("%s", named).isTrue();
    Hop last = named.hops().get(named.hops().size() - 1);
    assertThat(last.name()).contains(expected);

    TracerouteResult numeric = client.traceroute("127.0.0.1").maxHops(3).run();
    assertThat(numeric.hops()).allSatisfy(h -> assertThat(h.name()).isEmpty());

    String tool = traceroute();
    if (tool != null) {
      Matcher m = Pattern.compile("^\\s*1\\s+(\\S+) \\(127\\.0\\.0\\.1\\)", Pattern.MULTILINE).matcher(tool);
      assertThat(m.find()).as("traceroute printed:%n%s", tool).isTrue();
      assertThat(m.group(1)).as("the same name as traceroute").isEqualTo(expected);
    }
  }

  /** {@code traceroute -m 1 -q 1 127.0.0.1} (names on), or null when it is not installed. */
  private static String traceroute() throws Exception {
    for (String bin : List.of("/usr/bin/traceroute", "/usr/sbin/traceroute")) {
      if (Files.isExecutable(Path.of(bin))) {
        Process p = new ProcessBuilder(bin, "-m", "1", "-q", "1", "-w", "1", "127.0.0.1").redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
      }
    }
    System.out.println("LoopbackTracerouteTest: traceroute is not installed; compared with /etc/hosts only");
    return null;
  }
}
