package io.netprobe.diagnose;

/**
 * Things worth knowing that do not change the verdict, each with English wording; {@code {0}}, {@code {1}}, … are
 * replaced by the note's arguments. Renderers in other languages key their wording on the constant's name.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Remark {
  /** Arguments: the host, the TCP port. */
  ICMP_FILTERED("{0} does not answer ping, but TCP port {1} accepts connections: ICMP is filtered, the host is up."),
  /** Arguments: the address. */
  TARGET_UNREACHABLE("{0} answered neither ping nor TCP, although this machine is online (other addresses "
      + "answered): a firewall may block it."),
  /** Arguments: the name, the other resolver, the first answer, the other answer. */
  RESOLVERS_DISAGREE("For {0} this machine's resolver answers {2}, {1} answers {3}: a stale cache, split DNS or a "
      + "recent change."),
  /** Arguments: the name. */
  NOT_IN_DNS("{0} is not in DNS; the system resolver found it elsewhere (/etc/hosts or similar)."),
  /** Arguments: the host, the days left. */
  CERTIFICATE_EXPIRES_SOON("The certificate of {0} expires in {1} days."),
  /** Arguments: the port, the address. */
  PORT_LOOPBACK_ONLY("Port {0} listens on {1} only: not reachable from outside."),
  /** Arguments: the port. */
  PORT_NOT_LISTENING("Nothing listens on port {0} on this machine."),
  /** Arguments: the origin address, the failure. */
  ORIGIN_DIRECT_FAILED("The origin {0} does not answer directly ({1}) while the edge works: fine if its firewall "
      + "admits only the CDN."),
  /** Arguments: the check, the reason. */
  CHECK_SKIPPED("{0} was not run: {1}.");

  private final String template;

  Remark(String template) {
    this.template = template;
  }

  /** The English wording with {@code {n}} placeholders. */
  public String template() {
    return template;
  }
}
