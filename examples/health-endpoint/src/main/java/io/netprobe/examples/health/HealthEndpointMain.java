package io.netprobe.examples.health;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the health endpoint: {@code java … HealthEndpointMain [config.properties]}. Without an argument it reads
 * {@code health-endpoint.properties} from the working directory, or the example file bundled with it.
 */
public final class HealthEndpointMain {
  private HealthEndpointMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    ProbeClient client = Probes.defaultClient();
    EndpointConfig config;
    try {
      config = load(args, client);
    } catch (IllegalArgumentException e) {
      System.err.println("health-endpoint: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    HealthEndpointServer server = HealthEndpointServer.start(config, client);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "health-endpoint-shutdown"));
    String base = "http://" + config.address().getHostAddress() + ":" + server.port();
    System.out.println("health-endpoint listening: " + base + "/health  " + base + "/metrics  "
        + server.exporter().uri() + "probe?target=…&module=…");
    System.out.println("checks: " + server.monitor().checkNames() + "; exporter: " + config.exporterFlags(
        config.exporterConfig().orElse(java.nio.file.Path.of("(bundled blackbox.yml)"))));
    stopped.await();
  }

  private static EndpointConfig load(String[] args, ProbeClient client) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "health-endpoint.properties");
    if (Files.exists(file)) {
      return EndpointConfig.load(file, client);
    }
    if (args.length > 0) {
      throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
    }
    Path bundled = Files.createTempFile("health-endpoint", ".properties");
    try (var in = HealthEndpointMain.class.getResourceAsStream("/health-endpoint.properties")) {
      Files.write(bundled, in.readAllBytes());
    }
    try {
      return EndpointConfig.load(bundled, client);
    } finally {
      Files.delete(bundled);
    }
  }
}
