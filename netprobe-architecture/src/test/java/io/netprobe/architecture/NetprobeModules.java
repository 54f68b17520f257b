package io.netprobe.architecture;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * netprobe's own modules as the build put them on this test's class path: each entry (a jar or a classes directory)
 * whose module descriptor names an {@code io.netprobe…} module. Immutable; thread-safe.
 */
final class NetprobeModules {
  record Module(ModuleDescriptor descriptor, Path location) {
    String name() {
      return descriptor.name();
    }

    /** Whether {@code other} may use {@code pkg} of this module, as the module system would decide. */
    boolean exportsTo(String pkg, String other) {
      // an automatic module exports every package it has
      return descriptor.isAutomatic() && descriptor.packages().contains(pkg) || descriptor.exports().stream().anyMatch(e -> e.source().equals(pkg)
          && (!e.isQualified() || e.targets().contains(other)));
    }
  }

  private final List<Module> modules;
  private final Map<String, Module> byPackage = new HashMap<>();

  private NetprobeModules(List<Module> modules) {
    this.modules = List.copyOf(modules);
    for (Module m : modules) {
      for (String p : m.descriptor().packages()) {
        Module previous = byPackage.put(p, m);
        if (previous != null) {
          throw new AssertionError("package " + p + " is split between " + previous.name() + " and " + m.name());
        }
      }
    }
  }

  static NetprobeModules onClassPath() {
    List<Module> found = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      boolean candidate = Files.isRegularFile(path.resolve("module-info.class"))
          || (entry.endsWith(".jar") && path.getFileName().toString().startsWith("netprobe-"));
      if (candidate) {
        for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
          if (ref.descriptor().name().startsWith("io.netprobe")) {
            found.add(new Module(ref.descriptor(), path));
          } else if (ref.descriptor().isAutomatic()) {
            found.add(new Module(automatic(ref.descriptor().name(), ref.descriptor().packages()), path));
          }
        }
      } else if (isNetprobeClassesDirectory(path)) {
        found.add(new Module(automatic(path.getParent().getParent().getFileName().toString(), packagesIn(path)),
            path));
      }
    }
    return new NetprobeModules(found);
  }

  /**
   * A netprobe module without a descriptor (the Spring Boot modules: Spring Boot is not modular) is checked as the
   * automatic module its jar would be, named {@code io.netprobe.<artifact>}: it may use only what the others export.
   */
  private static ModuleDescriptor automatic(String artifactOrName, Set<String> packages) {
    String base = artifactOrName.replace('-', '.').replaceFirst("^netprobe\\.", "");
    return ModuleDescriptor.newAutomaticModule("io.netprobe.auto." + base).packages(packages).build();
  }

  /** {@code .../netprobe-x/target/classes} without a descriptor, as a build of only the tests puts it here. */
  private static boolean isNetprobeClassesDirectory(Path path) {
    return Files.isDirectory(path) && path.endsWith(Path.of("target", "classes"))
        && path.getParent().getParent().getFileName().toString().startsWith("netprobe-")
        && !Files.exists(path.resolve("module-info.class"));
  }

  private static Set<String> packagesIn(Path classes) {
    try (var files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
          .filter(p -> !p.isEmpty())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + classes, e);
    }
  }

  List<Module> all() {
    return Collections.unmodifiableList(modules);
  }

  Module named(String name) {
    return modules.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
        new AssertionError("module " + name + " is not on the class path; found " + modules.stream()
            .map(Module::name).toList()));
  }

  Optional<Module> owning(String pkg) {
    return Optional.ofNullable(byPackage.get(pkg));
  }
}
