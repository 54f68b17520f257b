package io.netprobe.exporter;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.exporter.internal.config.BlackboxConfig;
import io.netprobe.exporter.internal.config.ConfigException;
import io.netprobe.exporter.internal.web.Flags;
import io.netprobe.exporter.internal.web.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code netprobe-exporter} command: {@code java -jar netprobe-exporter.jar --config.file=blackbox.yml}. Exit
 * codes as blackbox_exporter: 0 after {@code --config.check} of a good file, 1 for a bad file or an address in
 * use, 2 for bad flags. SIGHUP reloads the configuration; SIGTERM stops.
 */
public final class ExporterMain {
  private ExporterMain() {}

  public static void main(String[] args) throws InterruptedException {
    Flags flags;
    try {
      flags = Flags.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("netprobe-exporter: error: " + e.getMessage() + ", try --help");
      System.exit(2);
      return;
    }
    if (flags.help()) {
      System.out.print(Flags.usage());
      return;
    }
    if (flags.version()) {
      System.out.println("netprobe-exporter, version " + Exporter.version() + " (blackbox_exporter 0.23 compatible; "
          + "java " + Runtime.version() + ")");
      return;
    }
    Log log = new Log(flags.logLevel(), flags.logFormat(), System.err);
    if (flags.configCheck()) {
      try {
        BlackboxConfig.load(Path.of(flags.configFile()));
        log.info("Config file is ok exiting...");
        return;
      } catch (ConfigException e) {
        log.error("Error loading config", "err", e.getMessage());
        System.exit(1);
        return;
      }
    }
    // Netty's leak detector records a stack trace for one buffer in 128 (~1 % of a scrape's CPU); the exporter's
    // own buffers are the codec's. Set before Netty's classes load; an embedding application decides for itself.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    // On JDK 17-20 OkHttp's blocking calls each take a platform thread, 16 by default: an outage whose hung targets
    // held all of them would make every other http probe wait, and fail, behind them. blackbox probes all at once;
    // so may this exporter, up to its own limit (threads start only while all are busy and end when idle; on
    // JDK 21+ calls run on virtual threads anyway)
    if (System.getProperty("netprobe.http.maxThreads") == null) {
      System.setProperty("netprobe.http.maxThreads", String.valueOf(flags.maxConcurrent()));
    }
    // the same for the tcp prober's conversations (query_response), whose sockets block a thread each
    if (System.getProperty("netprobe.conversation.maxThreads") == null) {
      System.setProperty("netprobe.conversation.maxThreads", String.valueOf(flags.maxConcurrent()));
    }
    // the same for name lookups, which block a thread each in getaddrinfo: names whose servers hang must not hold up
    // the names that answer (blackbox's Go resolver runs every lookup at once)
    if (System.getProperty("netprobe.lookup.maxThreads") == null) {
      System.setProperty("netprobe.lookup.maxThreads", String.valueOf(flags.maxConcurrent()));
    }
    ProbeClient client = Probes.defaultClient();
    Exporter exporter;
    try {
      exporter = Exporter.start(client, args);
    } catch (IllegalArgumentException | IOException e) {
      log.error("Error starting", "err", e.getMessage());
      System.exit(1);
      return;
    }
    log.info("Starting netprobe-exporter", "version", Exporter.version());
    // JDK 17 treats SIGHUP as shutdown unless a handler is installed: reload instead, as blackbox does
    onHangUp(exporter::reload);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      exporter.close();
      stopped.countDown();
    }, "netprobe-exporter-shutdown"));
    stopped.await();
  }

  /**
   * Runs {@code action} on SIGHUP. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way; it is
   * reached reflectively so the build does not warn about an internal API on every compile.
   */
  private static void onHangUp(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
          (p, method, a) -> {
            if (method.getName().equals("handle")) {
              action.run();
            }
            return null;
          });
      Object before = signal.getMethod("handle", signal, handler).invoke(null,
          signal.getConstructor(String.class).newInstance("HUP"), proxy);
      if (before == handler.getField("SIG_IGN").get(null)) {
        // the JVM leaves a signal alone that was ignored when it started (nohup): no handler, no error
        System.err.println("netprobe-exporter: SIGHUP was ignored when this process started (nohup?) and will not "
            + "reload the configuration; use POST /-/reload");
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("netprobe-exporter: SIGHUP will not reload the configuration here (" + e + "); use POST "
          + "/-/reload");
    }
  }
}
