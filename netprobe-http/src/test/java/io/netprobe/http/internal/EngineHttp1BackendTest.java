package io.netprobe.http.internal;

import io.netprobe.http.TlsImplementation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every case of {@link OkHttpBackendTest} with plain-HTTP/1.1 exchanges on the engine's loop
 * ({@link EngineHttp1Exchange}): the same wire, the same expectations (HTTPS cases still go to OkHttp).
 */
@ParameterizedClass(name = "TLS by {0}")
@EnumSource(value = TlsImplementation.class, names = {"CONSCRYPT", "JDK"})
class EngineHttp1BackendTest extends OkHttpBackendTest {
  EngineHttp1BackendTest(TlsImplementation tlsImplementation) {
    super(tlsImplementation);
  }

  @Override
  protected boolean engineHttp1() {
    return true;
  }
}
