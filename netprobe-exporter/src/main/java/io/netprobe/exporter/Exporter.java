package io.netprobe.exporter;

/** Placeholder. */
public final class Exporter {
  private Exporter() {}
}
