/** gRPC health checks ({@code grpc.health.v1.Health/Check}): the request, its spec and its result. */
@ParametersAreNonnullByDefault
package io.netprobe.grpc;

import javax.annotation.ParametersAreNonnullByDefault;
