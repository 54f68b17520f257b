package io.netprobe.http.internal;

import io.netprobe.spi.HttpBackend;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.contract.HttpBackendContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HTTP contract against MockWebServer on loopback; the assertions are the contract's tests. */
class OkHttpBackendContractTest extends HttpBackendContract {
  private final OkHttpBackend backend = newBackend();

  /** The backend under test: every exchange on OkHttp here; {@link EngineHttpContractTest} on the engine's loops. */
  protected OkHttpBackend newBackend() {
    return new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), null, false);
  }
  private final MockWebServer server = new MockWebServer();
  private ServerSocket silent;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        switch (request.getTarget()) {
          case "/ok":
            return new MockResponse.Builder().code(200).addHeader("X-Contract", "yes")
                .addHeader("Set-Cookie", "csrftoken=" + SECRET + "; Path=/").build();
          case "/r1":
            return redirect(301, "/r2");
          case "/r2":
            return redirect(302, url("/ok"));
          case "/loop-a":
            return redirect(302, "/loop-b");
          case "/loop-b":
            return redirect(307, "/loop-a");
          case "/ftp":
            return redirect(301, "ftp://files.example.test/");
          case "/get-only":
            return request.getMethod().equals("HEAD") ? new MockResponse.Builder().code(405)
                .addHeader("Allow", "GET").build() : new MockResponse.Builder().code(200).body("hello").build();
          default:
            return new MockResponse.Builder().code(404).build();
        }
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    silent = LoopbackPorts.silent();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    silent.close();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  @Override
  protected HttpBackend backend() {
    return backend;
  }

  @Override
  protected String okUrl() {
    return url("/ok");
  }

  @Override
  protected String redirectingUrl() {
    return url("/r1");
  }

  @Override
  protected String loopingUrl() {
    return url("/loop-a");
  }

  @Override
  protected String headRejectingUrl() {
    return url("/get-only");
  }

  @Override
  protected String ftpRedirectingUrl() {
    return url("/ftp");
  }

  @Override
  protected String refusingUrl() {
    return "http://127.0.0.1:" + FreePorts.tcp() + "/";
  }

  @Override
  protected String silentUrl() {
    return "http://127.0.0.1:" + silent.getLocalPort() + "/";
  }
}
