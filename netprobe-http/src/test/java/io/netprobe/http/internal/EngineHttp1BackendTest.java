package io.netprobe.http.internal;

import io.netprobe.http.TlsImplementation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every case of {@link OkHttpBackendTest} with plain-HTTP/1.1 exchanges on the engine's loops
 * ({@link EngineHttp1Exchange}) — the default — against the same wire with the same expectations; the OkHttp test
 * itself then runs them on OkHttp. The HTTPS cases, which go to OkHttp either way, run here with the JDK's TLS only.
 */
@ParameterizedClass(name = "TLS by {0}")
@EnumSource(value = TlsImplementation.class, names = {"JDK"})
class EngineHttp1BackendTest extends OkHttpBackendTest {
  EngineHttp1BackendTest(TlsImplementation tlsImplementation) {
    super(tlsImplementation);
  }

  @Override
  protected boolean engineHttp1() {
    return true;
  }
}
