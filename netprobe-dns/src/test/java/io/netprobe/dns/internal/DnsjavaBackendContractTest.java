package io.netprobe.dns.internal;

import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.spi.DnsBackend;
import io.netprobe.testing.contract.DnsBackendContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The DNS contract against the in-JVM fake server on loopback ports; the assertions are the contract's tests. */
class DnsjavaBackendContractTest extends DnsBackendContract {
  private final DnsjavaBackend backend = new DnsjavaBackend();
  private FakeDnsServer server;
  private FakeDnsServer silent;

  @BeforeEach
  void startServers() throws IOException {
    server = new FakeDnsServer("example.test")
        .record("www.example.test. 300 IN A 192.0.2.10")
        .record("example.test. 300 IN MX 10 mail.example.test.")
        .record("nodata.example.test. 300 IN A 192.0.2.20")
        .record("broken.example.test. 300 IN A 192.0.2.30")
        .fault("broken.example.test", FakeDnsServer.Fault.SERVFAIL_WITH_EDE);
    silent = new FakeDnsServer("example.test").silent();
  }

  @AfterEach
  void stopServers() throws IOException {
    server.close();
    silent.close();
  }

  @Override
  protected DnsBackend backend() {
    return backend;
  }

  @Override
  protected DnsRequest atServer(DnsRequest request) {
    return request.server("127.0.0.1", server.port());
  }

  @Override
  protected DnsBatchRequest atServer(DnsBatchRequest request) {
    return request.server("127.0.0.1", server.port());
  }

  @Override
  protected DnsRequest atSilentServer(DnsRequest request) {
    return request.server("127.0.0.1", silent.port());
  }
}
