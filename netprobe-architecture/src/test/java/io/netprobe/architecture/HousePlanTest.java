package io.netprobe.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house plan of issue 12 as rules over every module's compiled main classes: core depends on no other netprobe
 * module, no package cycles, a package is used from another module only where that module's descriptor exports it,
 * and backends and fakes do transport only — they never call the shared policy.
 */
class HousePlanTest {
  /** Where policy lives: written once, used by requests and engines, never by a backend or a fake. */
  static final List<String> POLICY_PACKAGES = List.of(
      "io.netprobe.internal.http", "io.netprobe.internal.policy", "io.netprobe.diagnose.engine",
      "io.netprobe.health");
  /** Backends and fakes: transport and scripted wire only. */
  static final List<String> BACKEND_PACKAGES = List.of(
      "io.netprobe.dns.internal", "io.netprobe.http.internal", "io.netprobe.sockets.internal", "io.netprobe.grpc.internal",
      "io.netprobe.testing");

  private static NetprobeModules modules;
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    modules = NetprobeModules.onClassPath();
    Set<Location> locations = new LinkedHashSet<>();
    for (NetprobeModules.Module m : modules.all()) {
      locations.add(Files.isDirectory(m.location()) ? Location.of(m.location()) : Location.of(jar(m.location())));
    }
    classes = new ClassFileImporter().importLocations(locations);
    assertThat(modules.all()).extracting(NetprobeModules.Module::name).contains("io.netprobe.core",
        "io.netprobe.dns", "io.netprobe.http", "io.netprobe.sockets", "io.netprobe.testing", "io.netprobe.health",
        "io.netprobe.diagnose.engine", "io.netprobe.text", "io.netprobe.cli", "io.netprobe.micrometer",
        "io.netprobe.auto.spring.boot.autoconfigure", "io.netprobe.auto.spring.boot.autoconfigure.boot3",
        "io.netprobe.grpc", "io.netprobe.exporter");
    assertThat(classes.size()).as("classes imported from %s", locations).isGreaterThan(300);
    assertThat(classes.contain("io.netprobe.spring.autoconfigure.NetprobeAutoConfiguration")).as("Spring modules")
        .isTrue();
  }

  @Test
  void coreRequiresNoOtherNetprobeModule() {
    ModuleDescriptor core = modules.named("io.netprobe.core").descriptor();
    assertThat(core.requires()).allSatisfy(r -> assertThat(r.name().startsWith("java.")
        || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .as("netprobe-core requires %s", r).isTrue());
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!moduleOf(c).equals("io.netprobe.core")) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = moduleOf(d.getTargetClass());
        if (target.startsWith("io.netprobe") && !target.equals("io.netprobe.core")) {
          violations.add(d.getDescription());
        }
      }
    }
    assertThat(violations).as("netprobe-core using other netprobe modules").isEmpty();
  }

  /** The exporter is an application with a small API: one exported package, everything else internal. */
  @Test
  void exporterExportsOnlyItsApiPackage() {
    ModuleDescriptor exporter = modules.named("io.netprobe.exporter").descriptor();
    assertThat(exporter.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.netprobe.exporter");
    assertThat(exporter.packages()).allSatisfy(p -> assertThat(p.equals("io.netprobe.exporter")
        || p.startsWith("io.netprobe.exporter.internal.")).as(p).isTrue());
  }

  @Test
  void noPackageCycles() {
    SliceAssignment byPackage = new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        return pkg.startsWith("io.netprobe") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "netprobe packages";
      }
    };
    SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles().check(classes);
  }

  @Test
  void packagesOfAnotherModuleAreUsedOnlyWhereExported() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = moduleOf(c);
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        String pkg = target.getPackageName();
        modules.owning(pkg).ifPresent(owner -> {
          if (!owner.name().equals(from) && !owner.exportsTo(pkg, from)) {
            violations.add(from + " uses " + target.getName() + " but " + owner.name() + " does not export " + pkg
                + " to it (" + d.getDescription() + ")");
          }
        });
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void backendsAndFakesDoNotCallPolicy() {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!inAny(c.getPackageName(), BACKEND_PACKAGES)) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        if (inAny(d.getTargetClass().getPackageName(), POLICY_PACKAGES)) {
          violations.add(d.getDescription());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /**
   * Classic-tool text is for people: the CLI, the diagnosis report, applications. Core, the backends and the fakes
   * and contracts work on values, so a change of wording cannot break a backend's contract.
   */
  @Test
  void textIsUsedOnlyAboveTheProbes() {
    List<String> below = List.of("io.netprobe.core", "io.netprobe.dns", "io.netprobe.http", "io.netprobe.sockets",
        "io.netprobe.testing");
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!below.contains(moduleOf(c))) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        if (moduleOf(d.getTargetClass()).equals("io.netprobe.text")) {
          violations.add(d.getDescription());
        }
      }
    }
    assertThat(violations).isEmpty();
    assertThat(modules.named("io.netprobe.text").descriptor().requires())
        .extracting(ModuleDescriptor.Requires::name).filteredOn(n -> n.startsWith("io.netprobe"))
        .containsExactly("io.netprobe.core");
  }

  private static JarFile jar(Path path) {
    try {
      return new JarFile(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
  }

  private static boolean inAny(String pkg, List<String> roots) {
    return roots.stream().anyMatch(r -> pkg.equals(r) || pkg.startsWith(r + "."));
  }

  private static String moduleOf(JavaClass c) {
    return modules.owning(c.getPackageName()).map(NetprobeModules.Module::name).orElse(c.getPackageName());
  }
}
