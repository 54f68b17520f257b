package io.netprobe;

import io.netprobe.core.ProbeSpec;
import io.netprobe.core.Host;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsTraceSpec;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.RecordType;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.SendOptions;
import io.netprobe.icmp.TracerouteListener;
import io.netprobe.icmp.MultipathOptions;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TransportProtocol;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec record has one {@code withX} per component, and each changes that component only: option methods
 * build on them instead of copying every field by position.
 */
class SpecWithersTest {
  private static final Host ONE = Host.of("192.0.2.1");
  private static final Host TWO = Host.of("192.0.2.2");
  private static final DnsSpec A = DnsSpec.of("a.test", "a.test", RecordType.A, Duration.ofSeconds(5));
  private static final DnsSpec B = new DnsSpec("b.test", "B.test", RecordType.AAAA,
      List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353)), true, 4096, true, false, 7,
      Duration.ofSeconds(9), Optional.of(io.netprobe.dns.DnsEncryption.tls()),
      Optional.of(InetAddress.getLoopbackAddress()), io.netprobe.dns.DnsClass.CH);

  /** For each spec record: a value and another whose every component differs. */
  static Stream<Arguments> specs() {
    PingListener listening = reply -> {};
    TracerouteListener hopping = hop -> {};
    return Stream.of(
        Arguments.of(A, B),
        Arguments.of(new DnsBatchSpec(List.of(A), 256, Duration.ofSeconds(2), Duration.ofMinutes(1)),
            new DnsBatchSpec(List.of(B, A), 8, Duration.ofSeconds(1), Duration.ofSeconds(30))),
        Arguments.of(new DnsValidationSpec(A, ". 1 IN DS 1 8 2 AA"), new DnsValidationSpec(B, ". 1 IN DS 2 8 2 BB")),
        Arguments.of(new DnsTraceSpec(A, List.of(), 53),
            new DnsTraceSpec(B, List.of(ONE.literal().orElseThrow()), 5353)),
        Arguments.of(new PingSpec(ONE, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), 56, OptionalInt.empty(),
                OptionalInt.empty(), PingListener.NONE, Duration.ofSeconds(5)),
            new PingSpec(TWO, 2, Duration.ofSeconds(2), Duration.ofSeconds(3), 100, OptionalInt.of(9),
                OptionalInt.of(80), listening, Duration.ofSeconds(9), SendOptions.DEFAULT.withDontFragment(true))),
        Arguments.of(new PingSweepSpec(List.of(ONE), 1, Duration.ofSeconds(1), Duration.ofMillis(1),
                Duration.ofSeconds(1), 56, OptionalInt.empty(), Duration.ofSeconds(5)),
            new PingSweepSpec(List.of(ONE, TWO), 3, Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(2), 64,
                OptionalInt.of(7), Duration.ofSeconds(8), SendOptions.DEFAULT.withSourceInterface(Optional.of("lo")))),
        Arguments.of(new TracerouteSpec(ONE, TraceMode.UDP, 1, 30, 3, Duration.ofSeconds(1), 33434, false,
                TracerouteListener.NONE, Duration.ofSeconds(10)),
            new TracerouteSpec(TWO, TraceMode.ICMP, 2, 20, 1, Duration.ofSeconds(2), 40000, true, hopping,
                Duration.ofSeconds(20), TraceStrategy.CLASSIC, Optional.of(MultipathOptions.DEFAULT), 40001,
                Optional.of(io.netprobe.core.IpPreference.only(io.netprobe.core.IpProtocol.IP6)))),
        Arguments.of(new TcpConnectSpec(ONE, 80, Duration.ofSeconds(5)), new TcpConnectSpec(TWO, 443,
            Duration.ofSeconds(9), Optional.of(io.netprobe.core.IpPreference.only(io.netprobe.core.IpProtocol.IP6)),
            Optional.of(TWO.literal().orElseThrow()), true)),
        Arguments.of(new io.netprobe.grpc.GrpcHealthSpec(ONE, 80, "", false, Optional.empty(), Optional.empty(),
            Duration.ofSeconds(5)), new io.netprobe.grpc.GrpcHealthSpec(TWO, 443, "orders", true,
            Optional.of(java.nio.file.Path.of("ca.pem")), Optional.of("grpc.test"), Duration.ofSeconds(9),
            io.netprobe.http.HttpHeaders.of(List.of(java.util.Map.entry("x-tenant", "blue"))),
            Optional.of(io.netprobe.core.IpPreference.prefer(io.netprobe.core.IpProtocol.IP4)),
            io.netprobe.grpc.GrpcConnectionOptions.DEFAULT.withInsecure(true))),
        Arguments.of(ListeningSocketsSpec.all(Duration.ofSeconds(5)), new ListeningSocketsSpec(
            Set.of(TransportProtocol.TCP), Set.of(AddressFamily.IPV4), OptionalInt.of(80), Optional.of("nginx"),
            false, Duration.ofSeconds(9))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void eachWitherChangesItsComponentOnly(Record base, Record other) throws Exception {
    for (RecordComponent c : base.getClass().getRecordComponents()) {
      assertThat(value(base, c)).as("the two samples differ in %s", c.getName()).isNotEqualTo(value(other, c));
    }
    // both ways, so that a wither resetting another component to a constant is caught whatever the constant
    changesOnlyItsComponent(base, other);
    changesOnlyItsComponent(other, base);
  }

  private static void changesOnlyItsComponent(Record from, Record to) throws Exception {
    RecordComponent[] components = from.getClass().getRecordComponents();
    for (RecordComponent changed : components) {
      String name = "with" + Character.toUpperCase(changed.getName().charAt(0)) + changed.getName().substring(1);
      Method wither = from.getClass().getMethod(name, changed.getType());
      assertThat(wither.getReturnType()).isEqualTo(from.getClass());

      Object result = wither.invoke(from, value(to, changed));

      for (RecordComponent c : components) {
        Object expected = c.equals(changed) ? value(to, c) : value(from, c);
        assertThat(value(result, c)).as("%s after %s", c.getName(), name).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void theSpecsAreProbeSpecs(Record base, Record other) {
    assertThat(base).isInstanceOf(ProbeSpec.class);
    assertThat(((ProbeSpec<?>) other).timeout()).isNotNull();
  }

  private static Object value(Object record, RecordComponent c) throws Exception {
    return Objects.requireNonNull(c.getAccessor().invoke(record));
  }
}
