package io.netprobe.spring.autoconfigure;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.ProbeRunner;
import io.netprobe.health.HealthMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * netprobe from properties alone: a {@link ProbeClient} (yours wins), the checks of {@code netprobe.checks.*} run in
 * the background by one {@link HealthMonitor}, and the {@code netprobe} Actuator endpoint when Actuator is present.
 * {@code netprobe.enabled=false} turns it all off. Health contributors and meters have their own auto-configurations,
 * which run after this one.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = NetprobeProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(NetprobeProperties.class)
public class NetprobeAutoConfiguration {

  /**
   * The client every probe runs on; closed with the context, which stops its engine's threads and closes its
   * backends' sockets. (A {@code ProbeClient} of the application's own is closed by Spring's inferred destroy method
   * too, being {@code AutoCloseable}.)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ProbeClient netprobeClient(NetprobeProperties properties) {
    return Probes.builder().timeout(properties.getTimeout()).build();
  }

  @Bean
  @ConditionalOnMissingBean
  public NetprobeChecks netprobeChecks(NetprobeProperties properties, ProbeClient client,
      ObjectProvider<NetprobeRunnerDecorator> decorators) {
    ProbeRunner runner = client;
    NetprobeRunnerDecorator decorator = decorators.getIfUnique();
    if (decorator != null) {
      runner = decorator.decorate(client);
    }
    return new NetprobeChecks(properties, runner);
  }

  /** Runs every configured check in the background; closed (its scheduler stopped) when the context closes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public HealthMonitor netprobeHealthMonitor(NetprobeChecks checks) {
    HealthMonitor.Builder b = HealthMonitor.builder();
    checks.all().values().forEach(c -> b.add(c.check()));
    return b.build().start();
  }

  @Bean
  @ConditionalOnMissingBean
  public NetprobeHealth netprobeHealth(HealthMonitor monitor, NetprobeProperties properties) {
    return new NetprobeHealth(monitor, properties.getHealth().getDegradedStatus());
  }

  /** The {@code netprobe} endpoint, when Actuator is on the class path and the endpoint is exposed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    NetprobeEndpoint netprobeEndpoint(NetprobeChecks checks, HealthMonitor monitor, NetprobeProperties properties) {
      return new NetprobeEndpoint(checks, monitor, properties.getDiagnosis());
    }
  }
}
