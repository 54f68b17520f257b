package io.netprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import org.junit.jupiter.api.Test;

class TlsProblemTest {

  @Test
  void causesDecideBeforeMessages() {
    assertThat(TlsProblem.of(new CertificateException("x", new CertificateExpiredException("old"))))
        .isEqualTo(TlsProblem.EXPIRED);
    assertThat(TlsProblem.of(new CertificateException("PKIX path validation failed",
        new CertPathValidatorException("n", null, null, -1, CertPathValidatorException.BasicReason.NOT_YET_VALID))))
        .isEqualTo(TlsProblem.NOT_YET_VALID);
    assertThat(TlsProblem.of(new CertificateException("x", new CertPathBuilderException("no path"))))
        .isEqualTo(TlsProblem.UNTRUSTED_ISSUER);
    assertThat(TlsProblem.of(new CertificateException("revoked", new CertPathValidatorException("r", null, null, -1,
        CertPathValidatorException.BasicReason.REVOKED)))).isEqualTo(TlsProblem.OTHER);
  }

  @Test
  void theJdksMessagesNameIssuerAndHostnameProblems() {
    assertThat(TlsProblem.of(new CertificateException(
        "PKIX path building failed: unable to find valid certification path to requested target")))
        .isEqualTo(TlsProblem.UNTRUSTED_ISSUER);
    assertThat(TlsProblem.of(new CertificateException("No subject alternative DNS name matching a.test found.")))
        .isEqualTo(TlsProblem.HOSTNAME_MISMATCH);
    assertThat(TlsProblem.of(new CertificateException("No name matching a.test found")))
        .isEqualTo(TlsProblem.HOSTNAME_MISMATCH);
    assertThat(TlsProblem.of(new CertificateException("Signature does not match."))).isEqualTo(TlsProblem.OTHER);
    assertThat(TlsProblem.of(new CertificateException((String) null))).isEqualTo(TlsProblem.OTHER);
  }
}
