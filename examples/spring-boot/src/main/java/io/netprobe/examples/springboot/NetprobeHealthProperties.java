package io.netprobe.examples.springboot;

import io.netprobe.health.config.HostPort;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the application depends on, under {@code netprobe.health.*}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dependencyDns a name the application must be able to resolve (a dependency's host name)
 * @param dependencyDnsExpect an address or record the answer must contain; any answer will do when empty
 * @param upstreamUrl an upstream's health URL, which must answer 2xx
 * @param upstreamSlow an upstream answering 2xx this slowly or slower is DEGRADED; 1 s by default
 * @param database the database's {@code host:port}, which must accept TCP connections
 * @param interval how often each check runs
 * @param timeout the deadline of each probe; keep it well under the kubelet's probe timeout
 */
@ConfigurationProperties("netprobe.health")
public record NetprobeHealthProperties(String dependencyDns, @Nullable String dependencyDnsExpect, String upstreamUrl,
    @DefaultValue("1s") Duration upstreamSlow, String database, Duration interval, Duration timeout) {

  public Optional<String> expectedAnswer() {
    return Optional.ofNullable(dependencyDnsExpect).filter(s -> !s.isBlank());
  }

  /** The database host. */
  public String databaseHost() {
    return databaseAddress().host().input();
  }

  /** The database port. */
  public int databasePort() {
    return databaseAddress().port().getAsInt();
  }

  /**
   * {@code database} read as netprobe-health's check definitions read a tcp target.
   *
   * @throws IllegalArgumentException naming the property when it is not {@code host:port}
   */
  private HostPort databaseAddress() {
    HostPort hp = HostPort.parse("netprobe.health.database", database);
    if (hp.port().isEmpty()) {
      throw new IllegalArgumentException("netprobe.health.database must be host:port, was \"" + database + "\"");
    }
    return hp;
  }
}
