package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.grpc.GrpcServingStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeGrpcHealthBackendTest {
  private final FakeGrpcHealthBackend fake = new FakeGrpcHealthBackend()
      .status("orders.test", 50051, "", GrpcServingStatus.SERVING)
      .status("orders.test", 50051, "billing", GrpcServingStatus.NOT_SERVING)
      .silent("stuck.test", 50051);
  private final ProbeClient client = Probes.builder().backend(fake).timeout(Duration.ofMillis(300)).build();

  @Test
  void statusesMeanWhatTheyMeanForTheRealBackend() {
    assertThat(client.grpcHealth("orders.test", 50051).run().isSuccess()).isTrue();
    assertThat(client.grpcHealth("orders.test", 50051).service("billing").run().failure().get().kind())
        .isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(client.grpcHealth("orders.test", 50051).service("nosuch").run().grpcStatusName()).contains("NOT_FOUND");
    assertThat(client.grpcHealth("other.test", 50051).run().failure().get().kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(client.grpcHealth("stuck.test", 50051).run().grpcStatusName()).contains("DEADLINE_EXCEEDED");
    assertThat(fake.received()).hasSize(5);
  }
}
