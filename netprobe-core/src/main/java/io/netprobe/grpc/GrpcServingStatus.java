package io.netprobe.grpc;

/** The serving status a {@code grpc.health.v1} server reports. Immutable enum; thread-safe. */
public enum GrpcServingStatus {
  UNKNOWN,
  SERVING,
  NOT_SERVING,
  /** Only sent by {@code Watch}; {@code Check} answers NOT_FOUND for a service it does not know. */
  SERVICE_UNKNOWN
}
