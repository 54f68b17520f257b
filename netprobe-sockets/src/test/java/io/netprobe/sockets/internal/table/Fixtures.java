package io.netprobe.sockets.internal.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Captured kernel output under {@code src/test/resources/fixtures/sockets} (see its README). */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/sockets/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
