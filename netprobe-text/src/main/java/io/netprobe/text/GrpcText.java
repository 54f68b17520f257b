package io.netprobe.text;

import io.netprobe.grpc.GrpcHealthResult;

/**
 * A gRPC health check as {@code grpc_health_probe} prints it: {@code status: SERVING}, or the error. Stateless;
 * thread-safe.
 */
public final class GrpcText {
  private GrpcText() {}

  /** {@code status: SERVING} (with the service), or {@code error: …}, ending in a newline. */
  public static String render(GrpcHealthResult r) {
    return summary(r) + "\n";
  }

  /** One line: the target, the service and the status or the failure. */
  public static String summary(GrpcHealthResult r) {
    String target = r.spec().host().uriHost() + ":" + r.spec().port()
        + (r.spec().service().isEmpty() ? "" : " service \"" + r.spec().service() + "\"");
    if (r.servingStatus().isPresent()) {
      return target + " status: " + r.servingStatus().get() + " (" + Formats.ms(r.elapsed()) + " ms)";
    }
    return target + " error: " + r.failure().map(Formats::failure).orElse("no answer");
  }
}
