package io.netprobe.examples.springboot;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The netprobe checks of this application, run in the background by one {@link HealthMonitor}, and one Actuator
 * health indicator per check: {@code dependencyDns}, {@code upstreamHttp} and {@code databasePort}. The readiness
 * group includes them (see {@code application.properties}); liveness does not, since a network dependency being
 * down is no reason to restart this process.
 *
 * <p>A {@link ProbeClient} bean, when one exists (tests define one with fake backends), is used for every probe;
 * otherwise the backends on the class path are.
 */
@Configuration(proxyBeanMethods = false)
public class NetprobeHealthConfiguration {
  static final String DNS = "dependencyDns";
  static final String HTTP = "upstreamHttp";
  static final String DATABASE = "databasePort";

  @Bean(destroyMethod = "close")
  HealthMonitor netprobeHealthMonitor(NetprobeHealthProperties props, ObjectProvider<ProbeClient> clients) {
    ProbeClient client = clients.getIfAvailable(() -> Probes.builder().timeout(props.timeout()).build());
    HealthCheck<?> dns = HealthCheck.of(DNS, client.dns(props.dependencyDns()).timeout(props.timeout()),
        props.expectedAnswer().map(HealthRules::dnsAnswerContains).orElseGet(HealthRules::succeeds));
    HealthCheck<?> http = HealthCheck.of(HTTP, client.http(props.upstreamUrl()).timeout(props.timeout()),
        HealthRules.http2xx().and(HealthRules.fasterThan(props.upstreamSlow())));
    HealthCheck<?> database = HealthCheck.of(DATABASE,
        client.tcp(props.databaseHost(), props.databasePort()).timeout(props.timeout()), HealthRules.succeeds());
    return HealthMonitor.builder()
        .add(dns.every(props.interval()))
        .add(http.every(props.interval()))
        .add(database.every(props.interval()))
        .build()
        .start();
  }

  @Bean
  NetprobeHealthIndicator dependencyDnsHealthIndicator(HealthMonitor monitor) {
    return new NetprobeHealthIndicator(monitor, DNS);
  }

  @Bean
  NetprobeHealthIndicator upstreamHttpHealthIndicator(HealthMonitor monitor) {
    return new NetprobeHealthIndicator(monitor, HTTP);
  }

  @Bean
  NetprobeHealthIndicator databasePortHealthIndicator(HealthMonitor monitor) {
    return new NetprobeHealthIndicator(monitor, DATABASE);
  }
}
