package io.netprobe.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The example application: {@code /actuator/health/readiness} includes the netprobe checks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NetprobeSpringBootApplication {
  public static void main(String[] args) {
    SpringApplication.run(NetprobeSpringBootApplication.class, args);
  }
}
