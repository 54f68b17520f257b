package io.netprobe.spring.autoconfigure;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.observation.ObservationRegistry;
import io.netprobe.health.HealthMonitor;
import io.netprobe.micrometer.HealthMonitorMetrics;
import io.netprobe.micrometer.ObservedProbeRunner;
import javax.annotation.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer for netprobe, when Micrometer and netprobe-micrometer are on the class path: every probe of the
 * configured checks (and of the endpoint's diagnoses) is observed — spans for a tracing backend, and the timer
 * {@code netprobe.probe} through Boot's meter observation handler — or timed directly when there is no observation
 * registry; the monitor's checks are bound as {@code netprobe.check.status} and {@code netprobe.check.age}.
 * {@code netprobe.metrics.percentiles-histogram=true} publishes histogram buckets for {@code netprobe.probe}.
 */
@AutoConfiguration(after = NetprobeAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, ObservationRegistry.class, ObservedProbeRunner.class})
@ConditionalOnProperty(prefix = NetprobeProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public class NetprobeMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public NetprobeRunnerDecorator netprobeObservedRunner(NetprobeProperties properties,
      ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
    return runner -> {
      ObservedProbeRunner.Builder b = ObservedProbeRunner.builder(runner)
          .percentileHistogram(properties.getMetrics().isPercentilesHistogram())
          .maxTargets(properties.getMetrics().getMaxTargets());
      ObservationRegistry o = observations.getIfUnique();
      if (o != null) {
        b.observationRegistry(o);
      }
      MeterRegistry m = meters.getIfUnique();
      if (m != null) {
        b.meterRegistry(m);
      }
      return b.build();
    };
  }

  @Bean
  @ConditionalOnBean(HealthMonitor.class)
  @ConditionalOnMissingBean(name = "netprobeHealthMonitorMetrics")
  public MeterBinder netprobeHealthMonitorMetrics(HealthMonitor monitor) {
    return new HealthMonitorMetrics(monitor);
  }

  /** Histogram buckets for the probe timer, however it is made (directly or by the observation handler). */
  @Bean
  @ConditionalOnProperty(prefix = NetprobeProperties.PREFIX + ".metrics", name = "percentiles-histogram",
      havingValue = "true")
  public MeterFilter netprobeProbeHistogram() {
    return new MeterFilter() {
      @Override
      public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().equals(ObservedProbeRunner.NAME)) {
          return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
      }
    };
  }
}
