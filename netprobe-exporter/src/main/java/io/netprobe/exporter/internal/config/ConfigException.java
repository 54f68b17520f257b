package io.netprobe.exporter.internal.config;

/**
 * A configuration file that cannot be used, with the file, line and key named in the message
 * ({@code blackbox.yml:4: modules.http_2xx.http.foo: unknown key}). A checked exception: bad files are an
 * operator's input, not a programmer's error.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
