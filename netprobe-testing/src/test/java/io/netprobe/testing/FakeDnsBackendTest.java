package io.netprobe.testing;

import io.netprobe.FailureKind;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.contract.DnsBackendContract;

class FakeDnsBackendTest extends DnsBackendContract {
  private final FakeDnsBackend fake = new FakeDnsBackend()
      .address("www.example.test", "192.0.2.10")
      .records("example.test", RecordType.MX, "10 mail.example.test.")
      .address("nodata.example.test", "192.0.2.20")
      .nxdomain("missing.example.test")
      .fail("broken.example.test", FailureKind.SERVER_FAILURE)
      .silentServer("192.0.2.53");

  @Override
  protected FakeDnsBackend backend() {
    return fake;
  }

  @Override
  protected DnsRequest atServer(DnsRequest request) {
    return request.server("127.0.0.53");
  }

  @Override
  protected DnsBatchRequest atServer(DnsBatchRequest request) {
    return request.server("127.0.0.53");
  }

  @Override
  protected DnsRequest atSilentServer(DnsRequest request) {
    return request.server("192.0.2.53");
  }
}
