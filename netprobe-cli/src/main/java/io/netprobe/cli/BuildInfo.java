package io.netprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code netprobe --version}: the version and the commit the build was made from, read from {@code build.properties}
 * (filled in by Maven). Immutable; thread-safe.
 */
final class BuildInfo implements IVersionProvider {
  static final String UNKNOWN = "unknown";

  @Override
  public String[] getVersion() {
    Properties p = load();
    String commit = value(p, "commit");
    if ("true".equals(p.getProperty("dirty"))) {
      commit += " (with uncommitted changes)";
    }
    return new String[] {
        "netprobe " + value(p, "version") + " (commit " + commit + ")",
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        "--json output: JSON schema version " + Netprobe.JSON_SCHEMA_VERSION};
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "");
    // an unfiltered placeholder means the build did not know it (e.g. built outside a git checkout)
    return v.isBlank() || v.startsWith("${") ? UNKNOWN : v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
