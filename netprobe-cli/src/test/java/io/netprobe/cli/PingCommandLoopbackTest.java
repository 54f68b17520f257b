package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.spi.PingBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code netprobe ping} with the real backend on loopback, next to iputils ping and fping on the same targets:
 * the same lines with the numbers masked, replies printed as they arrive, sweeps, JSON and exit codes.
 */
class PingCommandLoopbackTest {
  static final ProbeClient CLIENT = Probes.builder().build();

  /** Output with every measured number replaced by {@code N}, so only the shape is compared. */
  static List<String> shape(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      lines.add(line.replaceAll("time=[0-9.]+ ms", "time=N ms").replaceAll("time [0-9]+ms", "time Nms")
          .replaceAll("= [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms", "= N/N/N/N ms"));
    }
    return lines;
  }

  static void assumeRealBackend() {
    Assumptions.assumeTrue(CLIENT.backend(PingBackend.class).id().equals("linux-icmp"),
        "no real ping backend here: " + CLIENT.backend(PingBackend.class).id());
  }

  record Run(int exit, String out, String err) {}

  static Run run(Writer outSink, String... args) {
    StringWriter err = new StringWriter();
    int exit = Netprobe.commandLine(CLIENT, Locale.ENGLISH, new PrintWriter(outSink, true), new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, outSink.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(new StringWriter(), args);
  }

  @Test
  void textMatchesIputilsPingOnIpv4AndIpv6Loopback() throws Exception {
    assumeRealBackend();
    for (String host : List.of("127.0.0.1", "::1", "localhost")) {
      String real = CliVersusToolsTest.tool("/usr/bin/ping", "-c", "3", "-i", "0.2", host);
      Run ours = run("ping", "-c", "3", "-i", "0.2", host);
      assertThat(ours.exit()).as(host).isZero();
      assertThat(shape(ours.out())).as(host).isEqualTo(shape(real));
    }
  }

  @Test
  void payloadSizeTtlAndDontFragmentFlagsMatchIputilsPing() throws Exception {
    assumeRealBackend();
    String[] flags = {"-c", "2", "-i", "0.2", "-s", "100", "-t", "5", "-M", "do"};
    String real = CliVersusToolsTest.tool(concat("/usr/bin/ping", flags, "127.0.0.1"));
    Run ours = run(concat("ping", flags, "127.0.0.1"));
    assertThat(ours.exit()).isZero();
    assertThat(shape(ours.out())).isEqualTo(shape(real));
    assertThat(ours.out()).contains("100(128) bytes of data").contains("108 bytes from 127.0.0.1");
  }

  @Test
  void sourceFlagTakesAnAddressOrAnInterfaceAndSaysWhenTheMachineLacksIt() {
    assumeRealBackend();
    assertThat(run("ping", "-c", "1", "-I", "127.0.0.1", "127.0.0.1").exit()).isZero();
    assertThat(run("ping", "-c", "1", "-I", "lo", "127.0.0.1").exit()).isZero();
    assertThat(run("ping", "-c", "1", "-I", "lo", "127.0.0.1", "127.0.0.2").exit()).as("sweep").isZero();

    Run notOurs = run("ping", "-c", "1", "-I", "192.0.2.77", "127.0.0.1");
    assertThat(notOurs.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(notOurs.out() + notOurs.err()).contains("the source address is not an address of this machine");

    Run badHint = run("ping", "-c", "1", "-M", "probe", "127.0.0.1");
    assertThat(badHint.exit()).isEqualTo(2);
    assertThat(badHint.err()).contains("-M must be 'do' or 'dont', not 'probe'");
  }

  private static String[] concat(String first, String[] middle, String last) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(middle));
    all.add(last);
    return all.toArray(String[]::new);
  }

  @Test
  void repliesArePrintedAsTheyArriveNotAtTheEnd() {
    assumeRealBackend();
    TimedWriter out = new TimedWriter();
    long start = System.nanoTime();
    Run r = run(out, "ping", "-c", "3", "-i", "0.4", "127.0.0.1");
    long end = System.nanoTime();
    assertThat(r.exit()).isZero();
    assertThat(out.firstReplyAt).as("the first reply was printed").isPositive();
    // echoes go 400 ms apart: the first reply line comes ~800 ms before the summary
    assertThat((end - out.firstReplyAt) / 1_000_000).as("ms between the first reply line and the end")
        .isGreaterThan(500);
    assertThat(out.firstReplyAt - start).isPositive();
  }

  @Test
  void jsonParsesAndCountsTheReplies() throws Exception {
    assumeRealBackend();
    Run r = run("ping", "--json", "-c", "2", "-i", "0.05", "127.0.0.1");
    assertThat(r.exit()).isZero();
    var json = CliTest.JSON.readTree(r.out());
    assertThat(json.get("received").asInt()).isEqualTo(2);
    assertThat(json.at("/spec").has("listener")).isFalse();
    assertThat(json.at("/replies/1/sequence").asInt()).isEqualTo(2);
  }

  @Test
  void sweepOfLoopbackAddressesMatchesFping() throws Exception {
    assumeRealBackend();
    String real = CliVersusToolsTest.tool("/usr/bin/fping", "127.0.0.1", "127.0.0.2", "127.0.0.3", "::1");
    Run ours = run("ping", "127.0.0.1", "127.0.0.2", "127.0.0.3", "::1");
    assertThat(ours.exit()).isZero();
    assertThat(ours.out()).isEqualTo(real);
    assertThat(ours.err()).as("no progress bar when not on a terminal").isEmpty();

    Run json = run("ping", "--json", "-c", "2", "-i", "0.05", "127.0.0.1", "127.0.0.2");
    assertThat(json.exit()).isZero();
    var tree = CliTest.JSON.readTree(json.out());
    assertThat(tree.get("results")).hasSize(2);
    assertThat(tree.at("/results/1/received").asInt()).isEqualTo(2);
  }

  @Test
  void sweepDrawsAProgressBarWhenAskedAndClearsIt() {
    assumeRealBackend();
    Run r = run("ping", "--progress", "-c", "3", "-i", "0.3", "127.0.0.1", "127.0.0.2");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("127.0.0.1 is alive\n127.0.0.2 is alive\n");
    assertThat(r.err()).contains("/6 ").contains("echoes sent").endsWith("\r");
  }

  /** Notes when the first reply line is written. */
  static final class TimedWriter extends StringWriter {
    volatile long firstReplyAt;

    @Override
    public void flush() {
      if (firstReplyAt == 0 && toString().contains("icmp_seq=1 ")) {
        firstReplyAt = System.nanoTime();
      }
      super.flush();
    }
  }
}
