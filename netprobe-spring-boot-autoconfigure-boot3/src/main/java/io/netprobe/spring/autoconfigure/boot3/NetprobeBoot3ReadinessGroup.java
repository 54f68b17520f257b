package io.netprobe.spring.autoconfigure.boot3;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * Spring Boot 3.5: {@code netprobe.health.readiness=true} adds the {@code netprobe} contributor (every check) to the
 * {@code readiness} health group, keeping the group's own members and settings. It acts on a readiness group that
 * exists: Boot's availability probes (on Kubernetes, or {@code management.endpoint.health.probes.enabled=true}) or
 * {@code management.endpoint.health.group.readiness.*}; without one it changes nothing. Runs after Boot's own probe
 * post-processor (same order, registered later by auto-configuration ordering).
 *
 * <p>Immutable and thread-safe.
 */
final class NetprobeBoot3ReadinessGroup implements HealthEndpointGroupsPostProcessor {
  static final String GROUP = "readiness";
  static final String CONTRIBUTOR = "netprobe";

  @Override
  public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
    HealthEndpointGroup readiness = groups.get(GROUP);
    if (readiness == null) {
      return groups;
    }
    Map<String, HealthEndpointGroup> byName = new LinkedHashMap<>();
    for (String name : groups.getNames()) {
      byName.put(name, name.equals(GROUP) ? new WithNetprobe(readiness) : groups.get(name));
    }
    return HealthEndpointGroups.of(groups.getPrimary(), byName);
  }

  /** A group that also has {@code netprobe} and {@code netprobe/<check>} as members. */
  private record WithNetprobe(HealthEndpointGroup group) implements HealthEndpointGroup {
    @Override
    public boolean isMember(String name) {
      return group.isMember(name) || name.equals(CONTRIBUTOR) || name.startsWith(CONTRIBUTOR + "/");
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return group.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return group.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return group.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return group.getHttpCodeStatusMapper();
    }

    @Override
    public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
      return group.getAdditionalPath();
    }
  }
}
