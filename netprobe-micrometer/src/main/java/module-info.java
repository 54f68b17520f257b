/**
 * Micrometer meters for netprobe: {@code HealthMonitorMetrics} (status and age of each check of a
 * {@code HealthMonitor}) and {@code ObservedProbeRunner} (a timer, and an Observation for tracing, per probe).
 */
module io.netprobe.micrometer {
  requires transitive io.netprobe.health;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports io.netprobe.micrometer;
}
