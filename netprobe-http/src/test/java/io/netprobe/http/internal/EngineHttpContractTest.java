package io.netprobe.http.internal;

/** The HTTP backend contract with plain-HTTP/1.1 exchanges on the engine's loop ({@link EngineHttpExchange}). */
class EngineHttpContractTest extends OkHttpBackendContractTest {
  @Override
  protected OkHttpBackend newBackend() {
    return new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), null, true);
  }
}
