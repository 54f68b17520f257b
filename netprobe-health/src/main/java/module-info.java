/**
 * netprobe's health checks: any probe plus a rule judged UP, DEGRADED or DOWN ({@code io.netprobe.health}), a
 * background monitor that answers at once, and the text format for configuring checks
 * ({@code io.netprobe.health.config}).
 */
module io.netprobe.health {
  requires transitive io.netprobe.core;

  exports io.netprobe.health;
  exports io.netprobe.health.config;
}
