package io.netprobe.http.internal;

import io.netprobe.http.TlsImplementation;

/**
 * Every case of {@link OkHttpBackendTest} — HTTP/1.1 and HTTP/2, plain and over TLS, with Conscrypt and with the
 * JDK making the handshakes — with the exchanges on the engine's loops ({@link EngineHttpExchange}, the default),
 * against the same wire with the same expectations; the OkHttp test itself runs them on OkHttp.
 */
class EngineHttpBackendTest extends OkHttpBackendTest {
  EngineHttpBackendTest(TlsImplementation tlsImplementation) {
    super(tlsImplementation);
  }

  @Override
  protected boolean engineHttp() {
    return true;
  }
}
