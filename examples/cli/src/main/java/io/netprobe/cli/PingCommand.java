package io.netprobe.cli;

import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code netprobe ping -c 4 host}: ICMP echo, with ping's output. Not thread-safe. */
@Command(name = "ping", description = "Send ICMP echo requests, like ping -c N.")
final class PingCommand implements Callable<Integer> {
  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(paramLabel = "HOST", description = "Host name or address.")
  String host;

  @Option(names = "-c", paramLabel = "COUNT", description = "Echo requests to send (default: ${DEFAULT-VALUE}).")
  int count = PingRequest.DEFAULT_COUNT;

  @Option(names = "-i", paramLabel = "SECONDS", description = "Seconds between requests (default: ${DEFAULT-VALUE}).")
  double interval = 1.0;

  @Option(names = "-W", paramLabel = "SECONDS", description = "Seconds to wait for each reply (default: "
      + "${DEFAULT-VALUE}).")
  double replyTimeout = 1.0;

  @Option(names = "--tcp-fallback", paramLabel = "PORT",
      description = "When ICMP is not permitted, time TCP connects to PORT instead (labelled as such).")
  Integer tcpFallback;

  @Override
  public Integer call() {
    Duration gap = Text.seconds(interval);
    PingRequest request = parent.client().ping(host).count(count).interval(gap).replyTimeout(Text.seconds(replyTimeout))
        .timeout(gap.multipliedBy(count).plus(Text.seconds(replyTimeout)).plusSeconds(1));
    if (tcpFallback != null) {
      request = request.allowTcpFallback(tcpFallback);
    }
    if (!output.json) {
      output.out().printf("PING %s %d(%d) bytes of data.%n", host, request.spec().payloadSize(),
          request.spec().payloadSize() + 28);
      output.out().flush();
    }
    PingResult result = request.run();
    if (output.json) {
      output.printJson(result);
    } else {
      output.out().print(Text.ping(result));
      output.out().flush();
    }
    return result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }
}
