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
      return descriptor.exports().stream().anyMatch(e -> e.source().equals(pkg)
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
      if (!candidate) {
        continue;
      }
      for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
        if (ref.descriptor().name().startsWith("io.netprobe")) {
          found.add(new Module(ref.descriptor(), path));
        }
      }
    }
    return new NetprobeModules(found);
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
