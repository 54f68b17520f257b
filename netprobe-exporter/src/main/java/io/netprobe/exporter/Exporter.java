package io.netprobe.exporter;

import io.netprobe.ProbeClient;
import io.netprobe.exporter.internal.config.ConfigException;
import io.netprobe.exporter.internal.web.ExporterServer;
import io.netprobe.exporter.internal.web.Flags;
import io.netprobe.exporter.internal.web.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * A running netprobe-exporter: blackbox_exporter's endpoints ({@code /probe}, {@code /metrics}, {@code /-/healthy},
 * {@code /-/ready}, {@code /-/reload}, {@code /config}, {@code /}, {@code /logs}) configured by blackbox's own flags
 * and blackbox.yml. For embedding in a service or a test; the command is {@link ExporterMain}.
 *
 * <pre>{@code
 * try (Exporter e = Exporter.start(Probes.defaultClient(), "--config.file=blackbox.yml",
 *     "--web.listen-address=127.0.0.1:0")) {
 *   URI probe = e.uri().resolve("/probe?module=http_2xx&target=http://127.0.0.1:8080/");
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops it.
 */
public final class Exporter implements AutoCloseable {
  private final ExporterServer server;

  private Exporter(ExporterServer server) {
    this.server = server;
  }

  /**
   * Starts an exporter with blackbox_exporter's flags, logging to stderr.
   *
   * @throws IllegalArgumentException for an unknown flag or bad value, or a configuration file that cannot be used
   *     (the message names the file, line and key)
   * @throws IOException when an address cannot be bound or the TLS key and certificate cannot be used
   */
  public static Exporter start(ProbeClient client, String... flags) throws IOException {
    Objects.requireNonNull(client, "client");
    Flags f = Flags.parse(flags);
    try {
      return new Exporter(ExporterServer.start(f, client, new Log(f.logLevel(), f.logFormat(), System.err),
          version()));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS: " + e.getMessage(), e);
    }
  }

  /** The addresses it listens on, in the order of {@code --web.listen-address}. */
  public List<InetSocketAddress> addresses() {
    return server.addresses();
  }

  /** The base URI of the first address ({@code http://127.0.0.1:9115/}; https with a web config's TLS). */
  public URI uri() {
    InetSocketAddress a = addresses().get(0);
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create((server.tls() ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host)
        + ":" + a.getPort() + "/");
  }

  /** Reloads the configuration as {@code POST /-/reload} does; false (old configuration kept) when it is bad. */
  public boolean reload() {
    return server.reload();
  }

  /** netprobe-exporter's version, from its jar's manifest. */
  public static String version() {
    String v = Exporter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public void close() {
    server.close();
  }
}
