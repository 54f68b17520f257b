package io.netprobe.exporter.internal.web;

import io.netprobe.http.ClientCertificate;
import io.netprobe.spi.PemKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** An {@link SSLContext} from PEM files as exporter-toolkit takes them ({@link PemKeys}). Stateless and thread-safe. */
final class Pem {
  private Pem() {}

  static SSLContext serverContext(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(PemKeys.keys(new ClientCertificate(certFile, keyFile, Optional.empty())), null, null);
    return ctx;
  }
}
