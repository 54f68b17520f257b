package io.netprobe.spring.autoconfigure;

import io.netprobe.health.HealthMonitor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 4: the health contributor {@code netprobe}, a composite with one indicator per configured check, each
 * answered from the background monitor's last result. Include it in readiness with
 * {@code netprobe.health.readiness=true} or
 * {@code management.endpoint.health.group.readiness.include=readinessState,netprobe}; turn it off with
 * {@code management.health.netprobe.enabled=false}. (Spring Boot 3.5: netprobe-spring-boot-autoconfigure-boot3.)
 */
// after Boot's probes: their group post-processor must run before ours (same order, earlier registration)
@AutoConfiguration(after = NetprobeAutoConfiguration.class, afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean({HealthMonitor.class, NetprobeHealth.class})
@ConditionalOnEnabledHealthIndicator("netprobe")
public class NetprobeHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "netprobeHealthContributor")
  public CompositeHealthContributor netprobeHealthContributor(HealthMonitor monitor, NetprobeHealth health) {
    Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
    for (String check : monitor.checkNames()) {
      indicators.put(check, () -> {
        NetprobeHealth.Snapshot s = health.of(check);
        return Health.status(new Status(s.status())).withDetails(s.details()).build();
      });
    }
    return CompositeHealthContributor.fromMap(indicators);
  }

  /** {@code netprobe.health.readiness=true}: the readiness group also has {@code netprobe}. */
  @Bean
  @ConditionalOnProperty(prefix = "netprobe.health", name = "readiness", havingValue = "true")
  static NetprobeReadinessGroup netprobeReadinessGroup() {
    return new NetprobeReadinessGroup();
  }
}
