package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facade: any result by its type, the shared pieces, and the module's descriptor. */
class ClassicTextTest {
  record Unknown(String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure)
      implements ProbeResult {}

  @Test
  void anyResultIsRenderedAndSummedUpByItsType() {
    List<ProbeResult> results = List.of(DigTextTest.full(), CurlTextTest.followed(), PingTextTest.localhost(),
        SsAndNcTextTest.connected("localhost", "127.0.0.1", 22), DnsToolsTextTest.trace());
    assertThat(results).allSatisfy(r -> {
      assertThat(ClassicText.render(r)).isNotBlank().endsWith("\n");
      assertThat(ClassicText.summary(r)).isNotBlank().doesNotContain("\n");
    });
    ProbeResult ping = PingTextTest.localhost();
    assertThat(ClassicText.render(ping)).isEqualTo(PingText.render(PingTextTest.localhost()));
    assertThat(ClassicText.summary(ping)).isEqualTo(PingText.summary(PingTextTest.localhost()));
  }

  @Test
  void aResultNoToolPrintsIsAProgrammingError() {
    Unknown r = new Unknown("test", T0, Duration.ZERO, Optional.empty());
    assertThatThrownBy(() -> ClassicText.render(r)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no classic tool prints a " + Unknown.class.getName() + "; known: DnsResult");
    assertThatThrownBy(() -> ClassicText.summary(r)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failuresAndAddressesAsEveryToolShowsThem() {
    assertThat(ClassicText.failure(ProbeFailure.of(FailureKind.TIMEOUT))).isEqualTo("TIMEOUT: no answer before the deadline");
    assertThat(ClassicText.addresses(List.of(ip("192.0.2.1"), ip("2001:db8:0:0:0:0:0:1"), ip("::1"))))
        .isEqualTo("192.0.2.1, 2001:db8::1, ::1");
    assertThat(ClassicText.addresses(List.of())).isEmpty();
  }

  /** Read here without netprobe-testing: the text module's only netprobe dependency is core, in tests too. */
  @Test
  void theModuleExportsOnlyItsApiPackageAndRequiresOnlyCore() throws Exception {
    Path classes = Path.of(ClassicText.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor d = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
    assertThat(d.name()).isEqualTo("io.netprobe.text");
    assertThat(d.exports()).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("io.netprobe.text");
      assertThat(e.isQualified()).isFalse();
    });
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
        .filteredOn(name -> name.startsWith("io.netprobe.")).containsExactly("io.netprobe.core");
    assertThat(d.provides()).isEmpty();
  }
}
