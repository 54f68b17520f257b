package io.netprobe.cli;

import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.text.NcText;
import io.netprobe.core.Host;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code netprobe tcp host 443} like {@code nc -zv}; a port list or range ({@code 20-25,80,443}) is a sweep with a
 * progress bar on the terminal; {@code --send}/{@code --expect}/{@code --starttls}/{@code --tls} hold a conversation
 * with one port (blackbox_exporter's query_response). Not thread-safe.
 */
@Command(name = "tcp", mixinStandardHelpOptions = true, description = {"Check whether TCP ports accept connections, "
    + "like nc -zv; ranges sweep.", "With --send/--expect/--starttls/--tls, talk to one port and check its answers, "
    + "e.g. --send PING --expect '^\\+PONG'."})
final class TcpCommand implements Callable<Integer> {
  /** Connects in flight at once during a sweep. */
  static final int SWEEP_PARALLELISM = 64;

  @ParentCommand Netprobe parent;
  @Mixin Output output;

  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or address.")
  String host;

  @Parameters(index = "1", paramLabel = "PORTS", description = "A port, a list and/or ranges: 443 or 20-25,80,443.")
  String ports;

  @Option(names = {"-w", "--timeout"}, paramLabel = "SECONDS", description = "Deadline per connect (default: "
      + "${DEFAULT-VALUE}).")
  double timeout = 3.0;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error during sweeps (default: only "
      + "when standard error is a terminal).")
  Boolean progress;

  @Mixin ConversationOptions conversation;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    List<Integer> list = PortList.parse(ports);
    Duration deadline = Seconds.of(timeout);
    if (conversation.present()) {
      if (list.size() != 1) {
        throw new IllegalArgumentException("a conversation (--send, --expect, --tls, …) talks to one port, not "
            + list.size());
      }
      return conversation(conversation.apply(parent.client().tcpConversation(host, list.get(0)).timeout(deadline),
          spec.commandLine().getParseResult().originalArgs()).run());
    }
    // -s/--source (the conversation options' own) binds plain connects too, like nc -s
    Optional<InetAddress> from = conversation.source == null ? Optional.empty()
        : Optional.of(Host.of(HttpRequestOptions.sourceAddress("--source", conversation.source)).literal().orElseThrow());
    List<TcpConnectRequest> requests = new ArrayList<>();
    for (int port : list) {
      TcpConnectRequest request = parent.client().tcp(host, port).timeout(deadline);
      request = from.isPresent() ? request.source(from.get()) : request;
      requests.add(conversation.preference().map(request::ipPreference).orElse(request));
    }
    if (requests.size() == 1) {
      return single(requests.get(0).run());
    }
    return sweep(requests);
  }

  private int conversation(io.netprobe.sockets.TcpConversationResult r) {
    if (output.json) {
      output.printJson(r);
    } else {
      output.out().print(io.netprobe.text.ConversationText.render(r));
    }
    output.out().flush();
    return r.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  private int single(TcpConnectResult r) {
    if (output.json) {
      output.printJson(r);
    } else if (r.isSuccess()) {
      output.out().println(NcText.connectLine(r));
    } else {
      output.err().println("netprobe tcp: " + NcText.connectLine(r));
    }
    output.out().flush();
    return r.isSuccess() ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }

  private int sweep(List<TcpConnectRequest> requests) throws InterruptedException {
    boolean showProgress = progress != null ? progress : Terminal.stderr();
    ProgressBar bar = new ProgressBar(output.err(), requests.size(), showProgress);
    AtomicInteger open = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(SWEEP_PARALLELISM, requests.size()), r -> {
      Thread t = new Thread(r, "netprobe-sweep");
      t.setDaemon(true);
      return t;
    });
    List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
    try {
      for (TcpConnectRequest request : requests) {
        futures.add(CompletableFuture.supplyAsync(request::run, pool).whenComplete((r, e) -> {
          // counted and drawn as one step: a port found closed must not draw the count it read before another
          // thread's open port was counted (the bar ended "2/2 0 open" with one port open)
          synchronized (bar) {
            int opened = r != null && r.isSuccess() ? open.incrementAndGet() : open.get();
            bar.advance(opened + " open");
          }
        }));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
      bar.finish();
    }
    List<TcpConnectResult> results = futures.stream().map(CompletableFuture::join)
        .sorted(Comparator.comparingInt(r -> r.query().port())).toList();
    if (output.json) {
      output.printJson(results);
    } else {
      output.out().print(NcText.render(results));
      output.out().flush();
    }
    return open.get() > 0 ? Netprobe.HEALTHY : Netprobe.PROBE_FAILED;
  }
}
