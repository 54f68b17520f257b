package io.netprobe.cli;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepRequest;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.text.ClassicText;
import io.netprobe.text.PingText;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code netprobe ping -c 4 host}: ICMP echo with iputils ping's output, one line per reply as it arrives; with
 * several hosts, an fping-like sweep ({@code host is alive}) with a progress bar on the terminal. Not thread-safe.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, description = {"Send ICMP echo requests, like ping -c N.",
    "With several hosts, sweep them like fping: one line per host, exit 0 only when all answer."})
final class PingCommand implements Callable<Integer> {
  private static final long PROGRESS_TICK_MILLIS = 100;
  /** How long a ping may take to fail opening its socket before its first line is printed. */
  private static final long HEADER_WAIT_MILLIS = 200;

  @ParentCommand Netprobe parent;
  @Spec CommandSpec commandSpec;
  @Mixin Output output;

  @Parameters(paramLabel = "HOST", arity = "1..*", description = "Host names or addresses.")
  List<String> hosts;

  @Option(names = "-c", paramLabel = "COUNT",
      description = "Echo requests to send (default: 4 for one host, 1 per host in a sweep).")
  Integer count;

  @Option(names = "-i", paramLabel = "SECONDS", description = "Seconds between requests (default: ${DEFAULT-VALUE}).")
  double interval = 1.0;

  @Option(names = "-W", paramLabel = "SECONDS", description = "Seconds to wait for each reply (default: "
      + "${DEFAULT-VALUE}).")
  double replyTimeout = 1.0;

  @Option(names = "-s", paramLabel = "SIZE", description = "ICMP payload bytes (default: 56).")
  Integer payloadSize;

  @Option(names = "-t", paramLabel = "TTL", description = "IP time to live / IPv6 hop limit of the echo requests.")
  Integer ttl;

  @Option(names = "-M", paramLabel = "HINT", description = "Path MTU discovery: 'do' sets don't-fragment (a too "
      + "large echo fails with the path MTU), 'dont' allows fragmentation (the default).")
  String pmtuHint;

  @Option(names = "-I", paramLabel = "ADDR|IFACE", description = "Send from this address, or through this "
      + "interface.")
  String source;

  @Option(names = "--tcp-fallback", paramLabel = "PORT",
      description = "When ICMP is not permitted, time TCP connects to PORT instead (labelled as such).")
  Integer tcpFallback;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error during sweeps (default: only "
      + "when standard error is a terminal).")
  Boolean progress;

  @Mixin IpFamilyOptions family;

  @Override
  public Integer call() throws InterruptedException {
    return hosts.size() == 1 ? single(hosts.get(0)) : sweep();
  }

  private int single(String host) throws InterruptedException {
    int echoes = count != null ? count : PingRequest.DEFAULT_COUNT;
    Duration gap = Seconds.of(interval);
    PingRequest request = parent.client().ping(host).count(echoes).interval(gap)
        .replyTimeout(Seconds.of(replyTimeout))
        .timeout(gap.multipliedBy(echoes).plus(Seconds.of(replyTimeout)).plusSeconds(1));
    if (tcpFallback != null) {
      request = request.allowTcpFallback(tcpFallback);
    }
    request = echoOptions(request, PingRequest::payloadSize, PingRequest::ttl, PingRequest::dontFragment,
        PingRequest::sourceAddress, PingRequest::sourceInterface);
    request = family.preference().map(request::ipPreference).orElse(request);
    if (output.json) {
      PingResult result = request.run();
      output.printJson(result);
      return couldNotRun(result) ? Netprobe.COULD_NOT_RUN
          : result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
    }
    Host target = Host.of(host);
    Optional<InetAddress> address = family.headerAddress(target);
    PrintWriter out = output.out();
    int payloadSize = request.spec().payloadSize();
    String header = address.map(a -> PingText.headerLine(target, a, payloadSize)).orElse(null);
    LivePrinter printer = new LivePrinter(out, header, target, address, tcpFallback != null);
    CompletableFuture<PingResult> running = request.onReply(printer).runAsync();
    PingResult result;
    try {
      // iputils opens its socket before it prints anything: a ping that may not open one prints only the error
      result = running.get(HEADER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      printer.header();
      result = running.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the ping failed unexpectedly", e.getCause());
    }
    if (couldNotRun(result)) {
      output.err().println("ping: " + ClassicText.failure(result.failure().get()));
      output.err().flush();
      return Netprobe.COULD_NOT_RUN;
    }
    if (address.isEmpty() && result.address().isEmpty() && result.failure().isPresent()) {
      output.err().println("ping: " + host + ": " + ClassicText.failure(result.failure().get()));
      return Netprobe.PROBE_FAILED;
    }
    printer.header();
    out.print(PingText.statistics(result));
    out.flush();
    return result.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  /** -s, -t, -M and -I, which a single ping and a sweep take alike, through {@code request}'s own setters. */
  private <R> R echoOptions(R request, BiFunction<R, Integer, R> size, BiFunction<R, Integer, R> hopLimit,
      UnaryOperator<R> dontFragment, BiFunction<R, InetAddress, R> sourceAddress,
      BiFunction<R, String, R> sourceInterface) {
    if (payloadSize != null) {
      request = size.apply(request, payloadSize);
    }
    if (ttl != null) {
      request = hopLimit.apply(request, ttl);
    }
    if (dontFragment()) {
      request = dontFragment.apply(request);
    }
    if (source != null) {
      Optional<InetAddress> a = sourceAddress();
      request = a.isPresent() ? sourceAddress.apply(request, a.get()) : sourceInterface.apply(request, source);
    }
    return request;
  }

  /** -I as an address when it is an IP literal; otherwise it names an interface. */
  private Optional<InetAddress> sourceAddress() {
    try {
      return Host.of(source).literal();
    } catch (IllegalArgumentException notAHost) {
      return Optional.empty();
    }
  }

  /** ping's -M: only "do" and "dont" are supported. */
  private boolean dontFragment() {
    if (pmtuHint == null || pmtuHint.equals("dont")) {
      return false;
    }
    if (pmtuHint.equals("do")) {
      return true;
    }
    throw new ParameterException(commandSpec.commandLine(),
        "-M must be 'do' or 'dont', not '" + pmtuHint.replaceAll("\\p{Cntrl}", "?") + "'");
  }

  /** A ping that may not open its socket sent nothing: like iputils, that is exit 2, not a failed probe. */
  private static boolean couldNotRun(PingResult result) {
    return result.transmitted() == 0
        && result.failure().filter(f -> f.kind() == FailureKind.PERMISSION_DENIED).isPresent();
  }

  private int sweep() throws InterruptedException {
    PingSweepRequest request = parent.client().pingAll(hosts).count(count != null ? count
        : PingSweepRequest.DEFAULT_COUNT).interval(Seconds.of(interval)).replyTimeout(Seconds.of(replyTimeout));
    request = echoOptions(request, PingSweepRequest::payloadSize, PingSweepRequest::ttl,
        PingSweepRequest::dontFragment, PingSweepRequest::sourceAddress, PingSweepRequest::sourceInterface);
    request = family.preference().map(request::ipPreference).orElse(request);
    boolean showProgress = !output.json && (progress != null ? progress : Terminal.stderr());
    PingSweepResult result = showProgress ? withProgress(request) : request.run();
    if (output.json) {
      output.printJson(result);
    } else {
      for (PingResult r : result.results()) {
        output.out().println(PingText.sweepLine(r));
      }
      output.out().flush();
      if (result.failure().isPresent()) {
        output.err().println("ping: " + ClassicText.failure(result.failure().get()));
      } else {
        result.unreachable().stream().filter(r -> r.transmitted() == 0 && r.failure().isPresent())
            .forEach(r -> output.err().println(r.spec().host().ascii() + ": " + ClassicText.failure(r.failure().get())));
      }
      output.err().flush();
    }
    boolean allAlive = result.failure().isEmpty() && result.unreachable().isEmpty();
    return allAlive ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  /**
   * Runs the sweep in the background and draws how many echoes its schedule has sent so far: the sweep reports
   * nothing until it ends, but its pacing (spacing between hosts, interval between a host's echoes) is fixed.
   */
  private PingSweepResult withProgress(PingSweepRequest request) throws InterruptedException {
    SweepSchedule schedule = new SweepSchedule(request.spec());
    ProgressBar bar = new ProgressBar(output.err(), schedule.echoes(), true);
    CompletableFuture<PingSweepResult> future = request.runAsync();
    long start = System.nanoTime();
    try {
      while (true) {
        try {
          return future.get(PROGRESS_TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          int sent = schedule.sentBy(Duration.ofNanos(System.nanoTime() - start));
          bar.show(sent, sent < schedule.echoes() ? "echoes sent" : "waiting for replies");
        } catch (ExecutionException e) {
          throw new IllegalStateException("the sweep failed unexpectedly", e.getCause());
        }
      }
    } finally {
      bar.finish();
    }
  }

  /**
   * Prints each reply and ICMP error the moment it arrives, in iputils' format, after ping's first line. Thread-safe:
   * the probe's thread prints replies while the command's thread may print the first line.
   */
  private static final class LivePrinter implements PingListener {
    private final PrintWriter out;
    private final @Nullable String header;
    private final Host target;
    private final Optional<InetAddress> address;
    private final boolean tcpAllowed;
    private boolean headerShown;

    LivePrinter(PrintWriter out, @Nullable String header, Host target, Optional<InetAddress> address,
        boolean tcpAllowed) {
      this.out = out;
      this.header = header;
      this.target = target;
      this.address = address;
      this.tcpAllowed = tcpAllowed;
    }

    synchronized void header() {
      if (!headerShown && header != null) {
        out.println(header);
        out.flush();
      }
      headerShown = true;
    }

    @Override
    public synchronized void onReply(PingReply reply) {
      header();
      // only the TCP fallback produces replies without a TTL
      boolean tcp = tcpAllowed && reply.ttl() < 0;
      out.println(tcp ? PingText.tcpReplyLine(reply) : PingText.replyLine(reply, target, address));
      out.flush();
    }

    @Override
    public synchronized void onError(IcmpError error) {
      header();
      out.println(PingText.errorLine(error));
      out.flush();
    }
  }
}
