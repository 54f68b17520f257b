package io.netprobe.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.config.CheckDefinitionException;
import io.netprobe.micrometer.ObservedProbeRunner;
import io.netprobe.spring.autoconfigure.NetprobeAutoConfiguration;
import io.netprobe.spring.autoconfigure.NetprobeChecks;
import io.netprobe.spring.autoconfigure.NetprobeMetricsAutoConfiguration;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration's conditions, overrides, bad properties and off switch, on this module's Boot line. */
class NetprobeAutoConfigurationTest {
  private static final ProbeClient FAKE = Probes.builder()
      .backend(new FakeTcpConnectBackend().open("10.0.0.5", 5432)).build();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(NetprobeAutoConfiguration.class,
          NetprobeMetricsAutoConfiguration.class,
          io.netprobe.spring.autoconfigure.NetprobeHealthContributorAutoConfiguration.class,
          io.netprobe.spring.autoconfigure.boot3.NetprobeBoot3HealthContributorAutoConfiguration.class));

  @Test
  void checksFromPropertiesAlone() {
    runner.withPropertyValues("netprobe.timeout=2s", "netprobe.checks.db.probe=tcp",
            "netprobe.checks.db.target=127.0.0.1:1", "netprobe.checks.db.interval=10s")
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(ProbeClient.class).hasSingleBean(HealthMonitor.class);
          assertThat(ctx.getBean(ProbeClient.class).timeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(ctx.getBean(HealthMonitor.class).checkNames()).containsExactly("db");
          assertThat(ctx.getBean(NetprobeChecks.class).get("db").orElseThrow().check().interval())
              .isEqualTo(Duration.ofSeconds(10));
        });
  }

  @Test
  void aProbeClientOfTheApplicationWins() {
    runner.withBean(ProbeClient.class, () -> FAKE)
        .withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=10.0.0.5:5432")
        .run(ctx -> {
          assertThat(ctx.getBean(ProbeClient.class)).isSameAs(FAKE);
          assertThat(ctx.getBean(NetprobeChecks.class).get("db").orElseThrow().check().run().status().name())
              .isEqualTo("UP");
        });
  }

  @Test
  void aBadRuleFailsStartUpNamingTheKey() {
    runner.withPropertyValues("netprobe.checks.web.probe=http", "netprobe.checks.web.target=http://127.0.0.1/",
            "netprobe.checks.web.expect=status 2x")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(definitionError(ctx.getStartupFailure()).getMessage())
              .isEqualTo("netprobe.checks.web.expect: rule \"status 2x\": status must be like 2xx, 200-399 or 204,"
                  + " was \"2x\"");
        });
  }

  @Test
  void anUnknownKeyOrProbeFailsStartUpNamingTheKey() {
    runner.withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=db:5432",
            "netprobe.checks.db.follow-redirects=true")
        .run(ctx -> assertThat(definitionError(ctx.getStartupFailure()).key())
            .contains("netprobe.checks.db.follow-redirects"));
    // probe is an enum (so IDEs complete it): Spring's binder rejects the value, naming the key and the value
    runner.withPropertyValues("netprobe.checks.db.probe=smtp", "netprobe.checks.db.target=db:25")
        .run(ctx -> assertThat(ctx.getStartupFailure())
            .hasStackTraceContaining("netprobe.checks.db.probe").hasStackTraceContaining("smtp"));
    runner.withPropertyValues("netprobe.checks.web.probe=HTTP", "netprobe.checks.web.target=http://127.0.0.1:1/",
            "netprobe.checks.web.method=get", "netprobe.checks.ss.probe=Sockets", "netprobe.checks.ss.protocol=udp")
        .run(ctx -> assertThat(ctx).hasNotFailed());
  }

  @Test
  void aBadDurationFailsStartUpNamingTheKey() {
    runner.withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=db:5432",
            "netprobe.checks.db.interval=often")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).hasStackTraceContaining("netprobe.checks.db.interval");
        });
  }

  @Test
  void theClientIsClosedWithTheContextSoItsEngineAndSocketsGo() {
    ProbeClient[] client = new ProbeClient[1];
    runner.withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=127.0.0.1:1")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(ctx -> {
          client[0] = ctx.getBean(ProbeClient.class);
          // a probe starts the client's engine, so closing has something to stop
          assertThat(client[0].tcp("127.0.0.1", 1).timeout(java.time.Duration.ofMillis(500)).run()).isNotNull();
        });
    assertThatThrownBy(() -> client[0].tcp("127.0.0.1", 1).run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void disabledTurnsItAllOff() {
    runner.withPropertyValues("netprobe.enabled=false", "netprobe.checks.db.probe=tcp",
            "netprobe.checks.db.target=127.0.0.1:1")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ProbeClient.class)
            .doesNotHaveBean(HealthMonitor.class).doesNotHaveBean("netprobeHealthContributor")
            .doesNotHaveBean("netprobeHealthMonitorMetrics"));
  }

  @Test
  void healthContributorForThisBootLineOnly() {
    runner.withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=127.0.0.1:1")
        .run(ctx -> assertThat(ctx).hasBean("netprobeHealthContributor").doesNotHaveBean("netprobeReadinessGroup"));
    runner.withPropertyValues("netprobe.health.readiness=true", "netprobe.checks.db.probe=tcp",
            "netprobe.checks.db.target=127.0.0.1:1")
        .run(ctx -> assertThat(ctx).hasBean("netprobeReadinessGroup"));
    runner.withPropertyValues("management.health.netprobe.enabled=false", "netprobe.checks.db.probe=tcp",
            "netprobe.checks.db.target=127.0.0.1:1")
        .run(ctx -> assertThat(ctx).doesNotHaveBean("netprobeHealthContributor"));
  }

  @Test
  void metersWhenMicrometerIsPresent() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=127.0.0.1:1")
        .run(ctx -> {
          assertThat(ctx).hasBean("netprobeHealthMonitorMetrics");
          assertThat(ctx.getBean(NetprobeChecks.class).runner()).isInstanceOf(ObservedProbeRunner.class);
        });
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withPropertyValues("netprobe.checks.db.probe=tcp", "netprobe.checks.db.target=127.0.0.1:1")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().doesNotHaveBean("netprobeHealthMonitorMetrics");
          assertThat(ctx.getBean(NetprobeChecks.class).runner()).isInstanceOf(ProbeClient.class);
        });
  }

  private static CheckDefinitionException definitionError(Throwable startupFailure) {
    for (Throwable t = startupFailure; t != null; t = t.getCause()) {
      if (t instanceof CheckDefinitionException c) {
        return c;
      }
    }
    throw new AssertionError("no CheckDefinitionException in " + startupFailure, startupFailure);
  }
}
