package io.netprobe.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return withRoot(anyClass, root -> {
      try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
        return ModuleDescriptor.read(in);
      }
    });
  }

  /** Asserts the rules above for the module of {@code anyClass}; returns its unqualified exports. */
  public static Set<String> assertWellFormed(Class<?> anyClass) {
    ModuleDescriptor d = descriptorOf(anyClass);
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
      List<String> listed = withRoot(anyClass, root -> {
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

  /** Reads from the class output folder or the jar that {@code anyClass} was loaded from. */
  private static <T> T withRoot(Class<?> anyClass, RootReader<T> reader) {
    Path location;
    try {
      location = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try {
      if (Files.isDirectory(location)) {
        return reader.read(location);
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return reader.read(jar.getPath("/"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module of " + anyClass.getName() + " at " + location, e);
    }
  }
}
