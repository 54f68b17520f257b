package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports nothing and registers its backend for module-path and class-path users alike. */
class ModuleDescriptorTest {
  @Test
  void exportsNothingAndProvidesTheBackendInBothPlaces() throws Exception {
    Path classes = Path.of(OkHttpBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("io.netprobe.http");
    assertThat(d.exports()).isEmpty();
    assertThat(d.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("io.netprobe.spi.HttpBackend");
      assertThat(p.providers()).containsExactly(OkHttpBackend.class.getName());
    });
    List<String> services = Files.readAllLines(classes.resolve("META-INF/services/io.netprobe.spi.HttpBackend"),
        StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    assertThat(services).containsExactly(OkHttpBackend.class.getName());
  }
}
