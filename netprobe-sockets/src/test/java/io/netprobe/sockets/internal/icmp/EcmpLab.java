package io.netprobe.sockets.internal.icmp;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** The load-balanced diamond of {@code icmp/ecmp-lab.sh}: client → r1 =(a | b)⇒ r2 → target. */
final class EcmpLab implements AutoCloseable {
  static final String R1 = "10.78.0.2";
  static final String A = "10.78.1.2";
  static final String B = "10.78.2.2";
  static final String R2 = "10.78.3.2";
  static final String TARGET = "10.78.5.2";

  final String name;

  private EcmpLab(String name) {
    this.name = name;
  }

  /** Builds the lab (with {@code nat}, r1 masquerades), or skips the test with the printed reason. */
  static EcmpLab upOrSkip(Class<?> test, boolean nat) {
    return upOrSkip(test, nat ? "1" : "0");
  }

  /** Builds the lab with NAT mode {@code nat} of the script (0 none, 1 masquerade, 2 stateless), or skips. */
  static EcmpLab upOrSkip(Class<?> test, String nat) {
    String why = Lab.whyNot();
    if (why != null) {
      System.out.println(test.getSimpleName() + " skipped: " + why);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
    EcmpLab lab = new EcmpLab("np8" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36));
    try {
      Lab.sh("bash", script().toString(), "up", lab.name, nat);
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  String client() {
    return name + "-c";
  }

  String node(String short_) {
    return name + "-" + short_;
  }

  @Override
  public void close() {
    Lab.sh("bash", script().toString(), "down", name);
  }

  private static Path script() {
    try {
      return Path.of(EcmpLab.class.getResource("/icmp/ecmp-lab.sh").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
