/**
 * netprobe's gRPC health backend, on grpc-java's health stub and its shaded Netty transport. Exports nothing: use it
 * through {@code io.netprobe.Probes.grpcHealth(host, port)}.
 */
module io.netprobe.grpc {
  requires io.netprobe.core;
  requires io.grpc;
  requires io.grpc.stub;
  requires io.grpc.services;
  requires io.grpc.netty.shaded;
  requires com.google.protobuf;

  provides io.netprobe.spi.GrpcHealthBackend with io.netprobe.grpc.internal.GrpcJavaHealthBackend;
}
