package io.netprobe.dns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The EDNS (OPT) data of a response: dig's {@code OPT PSEUDOSECTION}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param udpSize the UDP payload size the server advertises
 * @param version the EDNS version
 * @param dnssecOk whether the DO bit is set
 * @param nsid the server's name server identifier (RFC 5001), as text, when it sent one
 * @param extendedErrors Extended DNS Errors (RFC 8914), in the order sent
 */
public record EdnsInfo(int udpSize, int version, boolean dnssecOk, Optional<String> nsid,
    List<ExtendedDnsError> extendedErrors) {
  public EdnsInfo {
    Objects.requireNonNull(nsid, "nsid");
    extendedErrors = List.copyOf(extendedErrors);
  }

  /**
   * An Extended DNS Error: {@code EDE: 22 (No Reachable Authority): (text)}.
   *
   * @param code the info code
   * @param name the code's name from RFC 8914, e.g. "No Reachable Authority"
   * @param extraText the extra text the server sent, possibly empty
   */
  public record ExtendedDnsError(int code, String name, String extraText) {
    public ExtendedDnsError {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(extraText, "extraText");
    }
  }
}
