package io.netprobe;

import io.netprobe.core.ProbeRunner;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.sockets.TcpConnectRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request packages depend on {@link ProbeRunner}, never on the client or the backend SPI, which depend on them:
 * no class of theirs names {@code ProbeClient} or anything in {@code io.netprobe.spi}. Read from the compiled
 * classes, where every type a class uses is named in its constant pool.
 */
class RequestPackagesTest {
  private static final List<String> FORBIDDEN = List.of("io/netprobe/ProbeClient", "io/netprobe/spi/");

  @ParameterizedTest
  @ValueSource(classes = {DnsRequest.class, PingRequest.class, TcpConnectRequest.class, HttpProbeRequest.class,
      DiagnosisRequest.class})
  void requestPackagesNameNeitherTheClientNorTheSpi(Class<?> member) throws Exception {
    List<Path> classes = classesOfPackage(member);
    assertThat(classes).hasSizeGreaterThan(5);
    for (Path c : classes) {
      String pool = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      for (String name : FORBIDDEN) {
        assertThat(pool).as("%s names %s", c.getFileName(), name).doesNotContain(name);
      }
    }
  }

  @Test
  void theCheckSeesTheNamesAClassUses() throws Exception {
    Path file = classesOfPackage(ProbeClient.class).stream()
        .filter(p -> p.getFileName().toString().equals("ProbeClient.class")).findFirst().orElseThrow();
    String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(pool).contains("io/netprobe/spi/").contains("io/netprobe/dns/DnsRequest");
  }

  private static List<Path> classesOfPackage(Class<?> member) throws Exception {
    Path root = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve(member.getPackageName().replace('.', '/'));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".class")).toList();
    } catch (IOException e) {
      throw new AssertionError("cannot list the classes in " + dir, e);
    }
  }
}
