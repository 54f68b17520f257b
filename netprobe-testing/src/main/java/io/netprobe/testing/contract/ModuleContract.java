package io.netprobe.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a netprobe module's {@code module-info}: unqualified exports are API or SPI packages only (never
 * {@code …internal…}), qualified exports go only to netprobe modules, and every {@code provides} is mirrored in
 * {@code META-INF/services} for class-path users. Stateless; thread-safe.
 */
public final class ModuleContract {
  private ModuleContract() {}

  /** The descriptor of the module that {@code anyClass} was compiled into (read from its class output folder). */
  public static ModuleDescriptor descriptorOf(Class<?> anyClass) {
    return descriptorAt(locationOf(anyClass));
  }

  /**
   * The descriptor of the module named {@code moduleName} on the class path, for a module that has no class yet to
   * name it by.
   */
  public static ModuleDescriptor descriptorOf(String moduleName) {
    return descriptorAt(locationOf(moduleName));
  }

  /** Asserts the rules above for the module of {@code anyClass}; returns its unqualified exports. */
  public static Set<String> assertWellFormed(Class<?> anyClass) {
    return assertWellFormedAt(locationOf(anyClass));
  }

  /** As {@link #assertWellFormed(Class)}, for the module named {@code moduleName} on the class path. */
  public static Set<String> assertWellFormed(String moduleName) {
    return assertWellFormedAt(locationOf(moduleName));
  }

  private static ModuleDescriptor descriptorAt(Path location) {
    return withRoot(location, root -> {
      try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
        return ModuleDescriptor.read(in);
      }
    });
  }

  private static Set<String> assertWellFormedAt(Path location) {
    ModuleDescriptor d = descriptorAt(location);
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      if (e.isQualified()) {
        assertThat(e.targets()).as("qualified export of %s", e.source()).allMatch(t -> t.startsWith("io.netprobe."));
      } else {
        assertThat(e.source()).as("unqualified export").doesNotContain("internal").startsWith("io.netprobe");
        exported.add(e.source());
      }
    }
    for (ModuleDescriptor.Provides p : d.provides()) {
      List<String> listed = withRoot(location, root -> {
        Path services = root.resolve("META-INF/services/" + p.service());
        assertThat(services).as("META-INF/services for %s", p.service()).exists();
        return Files.readAllLines(services, StandardCharsets.UTF_8).stream().map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
      });
      assertThat(listed).as("providers of %s in META-INF/services", p.service())
          .containsExactlyInAnyOrderElementsOf(p.providers());
    }
    return exported;
  }

  private interface RootReader<T> {
    T read(Path root) throws IOException;
  }

  /** The class output folder or the jar that {@code anyClass} was loaded from. */
  private static Path locationOf(Class<?> anyClass) {
    try {
      return Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The class output folder or the jar on the class path whose {@code module-info.class} is {@code moduleName}. */
  private static Path locationOf(String moduleName) {
    List<String> seen = new ArrayList<>();
    try {
      Enumeration<URL> found = ModuleContract.class.getClassLoader().getResources("module-info.class");
      while (found.hasMoreElements()) {
        URL url = found.nextElement();
        ModuleDescriptor d;
        try (InputStream in = url.openStream()) {
          d = ModuleDescriptor.read(in);
        }
        if (d.name().equals(moduleName)) {
          URLConnection connection = url.openConnection();
          return connection instanceof JarURLConnection jar ? Path.of(jar.getJarFileURL().toURI())
              : Path.of(url.toURI()).getParent();
        }
        seen.add(d.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the class path's module descriptors", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("no module " + moduleName + " on the class path; found " + seen);
  }

  /** Reads from a class output folder or a jar. */
  private static <T> T withRoot(Path location, RootReader<T> reader) {
    try {
      if (Files.isDirectory(location)) {
        return reader.read(location);
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return reader.read(jar.getPath("/"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module at " + location, e);
    }
  }
}
