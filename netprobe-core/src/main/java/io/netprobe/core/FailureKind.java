package io.netprobe.core;

/**
 * Why a probe failed. One vocabulary for every probe, so a health check can branch on the kind without knowing
 * which probe produced it.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum FailureKind {
  /** The deadline passed before an answer came. */
  TIMEOUT("no answer before the deadline"),
  /** DNS: the name does not exist (NXDOMAIN), or a host name could not be resolved. */
  NAME_NOT_FOUND("the name does not exist"),
  /** DNS: the name exists but has no records of the asked type (NOERROR with an empty answer). */
  NO_DATA("the name has no records of that type"),
  /** DNS: the server answered SERVFAIL. */
  SERVER_FAILURE("the server failed to answer (SERVFAIL)"),
  /** DNS: the server refused the query (REFUSED). */
  REFUSED("the server refused the query"),
  /** ICMP host unreachable, or no route to the host. */
  HOST_UNREACHABLE("the host is unreachable"),
  /** ICMP network unreachable, or the local network is down. */
  NETWORK_UNREACHABLE("the network is unreachable"),
  /** TCP: the peer answered with RST to the connection attempt. */
  CONNECTION_REFUSED("the connection was refused"),
  /** TCP: an established connection was reset or closed before the answer was complete. */
  CONNECTION_RESET("the connection was reset"),
  /** TLS: the handshake failed for a reason other than the certificate checks below. */
  TLS_HANDSHAKE("the TLS handshake failed"),
  /** TLS: the server's certificate has expired. */
  TLS_CERTIFICATE_EXPIRED("the certificate has expired"),
  /** TLS: the server's certificate is not valid yet. */
  TLS_CERTIFICATE_NOT_YET_VALID("the certificate is not valid yet"),
  /** TLS: the certificate chain does not lead to a trusted root (self-signed, unknown issuer). */
  TLS_UNTRUSTED("the certificate is not trusted"),
  /** TLS: the certificate is valid but not for the host name asked for. */
  TLS_HOSTNAME_MISMATCH("the certificate does not match the host name"),
  /** HTTP: more redirects than allowed. */
  TOO_MANY_REDIRECTS("too many redirects"),
  /** HTTP: the redirects lead back to a URL already visited. */
  REDIRECT_LOOP("the redirects form a loop"),
  /** The peer answered, but not in the protocol expected (malformed DNS message, garbage instead of HTTP, FORMERR). */
  PROTOCOL_ERROR("the peer broke the protocol"),
  /**
   * The peer answered in its protocol, but not what the probe expects: an HTTP assertion (status, header, body, JSON
   * path), a TCP conversation's expect step, a gRPC health status other than SERVING.
   */
  ASSERTION_FAILED("the answer was not the one expected"),
  /** The operating system did not allow the operation (ICMP sockets, /proc of other users). */
  PERMISSION_DENIED("the operating system did not allow it"),
  /** The probe cannot run on this operating system or JVM. */
  UNSUPPORTED_PLATFORM("not supported on this platform"),
  /** Another I/O error: socket errors not covered above. */
  NETWORK_ERROR("network error"),
  /**
   * This machine, not the target, ran out of something the probe needs: file descriptors (EMFILE, ENFILE: "too many
   * open files"), ephemeral ports (EADDRNOTAVAIL on connect: "cannot assign requested address") or socket buffer
   * space (ENOBUFS). Retry later or with fewer probes in flight; it says nothing about the target.
   */
  RESOURCE_EXHAUSTED("this machine ran out of file descriptors, ports or buffer space"),
  /** The caller cancelled the probe. */
  CANCELLED("cancelled"),
  /** A bug in netprobe or in a backend: an unexpected exception, turned into a value so that callers never crash. */
  INTERNAL_ERROR("internal error");

  private final String description;

  FailureKind(String description) {
    this.description = description;
  }

  /** A short English phrase for this kind, e.g. "the connection was refused". */
  public String description() {
    return description;
  }
}
