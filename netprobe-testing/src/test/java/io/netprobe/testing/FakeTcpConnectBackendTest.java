package io.netprobe.testing;

import io.netprobe.testing.contract.TcpConnectBackendContract;

/** The TCP contract against the fake; the assertions are the contract's tests. */
class FakeTcpConnectBackendTest extends TcpConnectBackendContract {
  private final FakeTcpConnectBackend fake = new FakeTcpConnectBackend()
      .open("db.internal", 5432)
      .silent("blackhole.internal", 443);

  @Override
  protected FakeTcpConnectBackend backend() {
    return fake;
  }

  @Override
  protected Target openTarget() {
    return new Target("db.internal", 5432);
  }

  @Override
  protected Target refusingTarget() {
    return new Target("db.internal", 5433);
  }

  @Override
  protected Target silentTarget() {
    return new Target("blackhole.internal", 443);
  }
}
