package io.netprobe.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example application: no netprobe code at all. netprobe-spring-boot-starter reads the checks from
 * {@code application.yml}; {@code /actuator/health/readiness} includes them.
 */
@SpringBootApplication
public class NetprobeSpringBootApplication {
  public static void main(String[] args) {
    SpringApplication.run(NetprobeSpringBootApplication.class, args);
  }
}
