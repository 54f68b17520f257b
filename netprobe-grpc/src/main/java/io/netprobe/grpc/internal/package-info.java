/** The gRPC health backend: grpc-java's {@code HealthGrpc} stub over its shaded Netty transport. */
@ParametersAreNonnullByDefault
package io.netprobe.grpc.internal;

import javax.annotation.ParametersAreNonnullByDefault;
