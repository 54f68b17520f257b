package io.netprobe.testing;

import io.netprobe.testing.contract.TracerouteBackendContract;
import java.util.Arrays;
import java.util.List;

/** The traceroute contract against the fake; the assertions are the contract's tests. */
class FakeTracerouteBackendTest extends TracerouteBackendContract {
  private static final String[] ROUTE = {"10.0.0.1", null, "172.16.0.1", "192.0.2.10"};
  private final FakeTracerouteBackend fake = new FakeTracerouteBackend().route("192.0.2.10", ROUTE)
      .route("192.0.2.99", "10.0.0.1", null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  @Override
  protected FakeTracerouteBackend backend() {
    return fake;
  }

  @Override
  protected String destination() {
    return "192.0.2.10";
  }

  @Override
  protected List<String> route() {
    return Arrays.asList(ROUTE);
  }

  @Override
  protected String unreachedDestination() {
    return "192.0.2.99";
  }
}
