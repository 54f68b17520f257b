package io.netprobe.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * The checks of one layer and the layer's overall status (the worst of its checks, unless the layer's own rule says
 * otherwise — for example the network layer passes when any well-known address answers).
 *
 * <p>Immutable and thread-safe.
 *
 * @param layer which layer
 * @param status the layer's status
 * @param checks the probes run, in a stable order
 */
public record LayerResult(Layer layer, CheckStatus status, List<Check> checks) {
  public LayerResult {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(status, "status");
    checks = List.copyOf(checks);
  }
}
