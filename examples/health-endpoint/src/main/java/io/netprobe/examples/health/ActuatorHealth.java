package io.netprobe.examples.health;

import io.netprobe.health.CheckState;
import io.netprobe.health.HealthSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link HealthSnapshot} in Spring Boot Actuator's JSON shape (V3):
 * {@code {"status":"UP","components":{"web":{"status":"UP","details":{...}}}}}. Each component's details are the
 * check's reason, the age of its result, whether it is stale or running, and the facts of the probe result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the combined status
 * @param components one component per check, in the order configured
 */
record ActuatorHealth(String status, Map<String, Component> components) {

  /** One check as an Actuator component. */
  record Component(String status, Map<String, Object> details) {}

  static ActuatorHealth of(HealthSnapshot snapshot) {
    Map<String, Component> components = new LinkedHashMap<>();
    for (CheckState c : snapshot.checks()) {
      components.put(c.name(), component(c));
    }
    return new ActuatorHealth(snapshot.status().name(), components);
  }

  static Component component(CheckState c) {
    return new Component(c.status().name(), c.details());
  }
}
