package io.netprobe.diagnose;

import java.util.List;

/**
 * What a diagnosis found, each with its category and English wording. {@code {0}}, {@code {1}}, … in the wording are
 * replaced by the verdict's {@link Verdict#arguments() arguments}; renderers in other languages key their own
 * wording on the constant's name and use the same arguments.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Finding {
  // ---- OK / INCONCLUSIVE
  /** Arguments: the URL, the final status line. */
  HEALTHY(Category.OK, "{0} works: every layer answered, the last with {1}.",
      "Nothing to fix here. If users still cannot open it, compare DNS from their network with another resolver."),
  /** Arguments: what could not be checked, why. */
  INCOMPLETE(Category.INCONCLUSIVE, "Could not check {0}: {1}.",
      "Put the missing netprobe backend on the class path, or give the diagnosis a longer timeout."),
  /**
   * A probe never left this machine: it ran out of file descriptors, ports or buffer space (or the probe was
   * cancelled, or failed inside netprobe), so nothing is known about the site. Arguments: what was probed, why.
   */
  LOCAL_RESOURCES(Category.INCONCLUSIVE, "This machine could not probe {0}: {1}.",
      "Nothing is known about the site yet: free file descriptors or ports here (ulimit -n, fewer probes in flight) "
          + "and run the diagnosis again."),

  // ---- NETWORK
  /** Arguments: the well-known addresses tried. */
  OFFLINE(Category.NETWORK, "This machine reached none of {0}: the problem is the local network or its uplink, not "
      + "the site.", "Check this machine's connection, default route and firewall (ip route; ping the gateway)."),
  /** Arguments: the host, the failure. */
  HOST_UNREACHABLE(Category.NETWORK, "There is no route to {0} ({1}), although the internet is reachable.",
      "Run traceroute {0} to see where the packets stop."),

  // ---- DNS
  /** Arguments: the name. */
  NXDOMAIN(Category.DNS, "{0} does not exist in DNS (NXDOMAIN).",
      "Check the record at the DNS provider, and that the domain is registered and delegated (dig NS)."),
  /** Arguments: the name. */
  NO_ADDRESS(Category.DNS, "{0} exists in DNS but has no A or AAAA record.",
      "Add an A (or AAAA) record for {0} at the DNS provider."),
  /** Arguments: the name, the failure. */
  DNS_SERVER_FAILURE(Category.DNS, "The resolver could not answer for {0} ({1}).",
      "Ask another resolver (dig @1.1.1.1 {0}); if it fails too, check the domain's name servers and DNSSEC."),
  /** Arguments: the name. */
  DNS_TIMEOUT(Category.DNS, "No DNS answer for {0} came before the deadline.",
      "Check /etc/resolv.conf and that its resolver answers (dig {0})."),
  /**
   * Arguments: the name, the address this machine's resolver gave, how it failed, the comparison resolver, the address
   * it gave (which accepted a connection on the URL's port), the URL's port.
   */
  DNS_STALE_ANSWER(Category.DNS, "This machine's resolver gives {1} for {0}, which does not answer ({2}), while {3} "
      + "gives {4}, which accepts connections on port {5}: the local answer is stale (an old record or a cache).",
      "Flush the local DNS cache (resolvectl flush-caches, or restart the caching resolver) or wait out the record's "
      + "TTL; if it persists, find the server that still gives {1} (dig {0}; dig @{3} {0}; check /etc/hosts)."),

  // ---- TLS
  /** Arguments: the host, the detail. */
  TLS_EXPIRED(Category.TLS, "The certificate of {0} has expired ({1}).",
      "Renew the certificate (certbot renew, or the CDN's edge certificate) and reload the web server."),
  /** Arguments: the host, the detail. */
  TLS_NOT_YET_VALID(Category.TLS, "The certificate of {0} is not valid yet ({1}).",
      "Check the clock of this machine and of the server, and the certificate's start date."),
  /** Arguments: the host, the detail. */
  TLS_UNTRUSTED(Category.TLS, "The certificate of {0} is not trusted ({1}).",
      "Serve a certificate from a public CA with its full chain, intermediates included."),
  /** Arguments: the host, the detail. */
  TLS_HOSTNAME_MISMATCH(Category.TLS, "The certificate served for {0} is for another name ({1}).",
      "Issue a certificate that covers {0}, or fix the server block (SNI) that serves the wrong one."),
  /** Arguments: the host, the detail. */
  TLS_HANDSHAKE(Category.TLS, "The TLS handshake with {0} failed ({1}).",
      "Check the server's TLS setup: openssl s_client -connect {0}:443 -servername {0}."),

  // ---- TLS between a CDN edge and the origin (Cloudflare 525/526)
  /** Arguments: the provider, the edge's status line, the origin address, the detail of the direct probe, the host. */
  ORIGIN_CERTIFICATE_EXPIRED(Category.TLS, "{0} answers {1} because the certificate of the origin {2} has expired "
      + "({3}).", "Renew the certificate on the origin (certbot renew, or a new origin certificate from the CDN) and "
      + "reload its web server; the edge verifies it (SSL mode Full (strict))."),
  /** Arguments: the provider, the edge's status line, the origin address, the detail of the direct probe, the host. */
  ORIGIN_CERTIFICATE_NOT_YET_VALID(Category.TLS, "{0} answers {1} because the certificate of the origin {2} is not "
      + "valid yet ({3}).", "Check the origin's clock and the certificate's start date; install a certificate that "
      + "is valid now."),
  /** Arguments: the provider, the edge's status line, the origin address, the detail of the direct probe, the host. */
  ORIGIN_CERTIFICATE_UNTRUSTED(Category.TLS, "{0} answers {1} because the certificate of the origin {2} is not "
      + "trusted ({3}).", "Install on the origin a certificate the edge trusts: one from a public CA with its full "
      + "chain, or the CDN's origin certificate (Cloudflare Origin CA); then reload its web server."),
  /** Arguments: the provider, the edge's status line, the origin address, the detail of the direct probe, the host. */
  ORIGIN_CERTIFICATE_WRONG_NAME(Category.TLS, "{0} answers {1} because the origin {2} presents a certificate for "
      + "another name ({3}).", "Install on the origin a certificate that covers {4}, or fix the origin's server block "
      + "(SNI) that serves the wrong one."),
  /** Arguments: the provider, the edge's status line, the host. */
  ORIGIN_CERTIFICATE_REJECTED(Category.TLS, "{0} answers {1} (invalid SSL certificate): the edge reaches the origin "
      + "but rejects its certificate (expired, untrusted or for another name than {2}).",
      "Check the origin's certificate (openssl s_client -connect ORIGIN:443 -servername {2}, or --origin ADDRESS) "
      + "and renew or replace it with one valid for {2} from a public CA or the CDN's origin CA."),
  /** Arguments: the provider, the edge's status line, the host. */
  ORIGIN_TLS_HANDSHAKE_FAILED(Category.TLS, "{0} answers {1} (SSL handshake failed): the edge cannot complete a TLS "
      + "handshake with the origin.", "Make the origin serve TLS on port 443 for {2} (SNI) with current protocols "
      + "and ciphers (openssl s_client -connect ORIGIN:443 -servername {2}), or set the CDN's SSL mode to match an "
      + "origin without TLS."),

  // ---- EDGE
  /** Arguments: the provider, the address, the failure. */
  EDGE_UNREACHABLE(Category.EDGE, "The {0} edge at {1} did not answer ({2}), although the internet is reachable.",
      "Check the CDN's status page, and that the DNS record still points at the CDN."),
  /** Arguments: the provider, the status line, what the code means. */
  EDGE_CANNOT_REACH_ORIGIN(Category.EDGE, "{0} answers {1} ({2}): the edge is up but gets no answer from the origin.",
      "Check that the origin's web server runs on the port the CDN uses (443 in the Full SSL modes, 80 in Flexible), "
      + "that its firewall admits the CDN's address ranges, and that the CDN points at the right origin address; "
      + "probe the origin directly with --origin ADDRESS."),
  /** Arguments: the provider, the status line, what the code means, the origin address, its direct status line. */
  EDGE_CANNOT_REACH_HEALTHY_ORIGIN(Category.EDGE, "{0} answers {1} ({2}) although the origin {3} answers {4} "
      + "directly: the problem is between the edge and the origin.",
      "Allow the CDN's address ranges in the origin's firewall, and check that the CDN points at this origin address "
      + "and uses the port it serves (443 in the Full SSL modes, 80 in Flexible)."),
  /** Arguments: the provider, the status line. */
  EDGE_ORIGIN_DNS_ERROR(Category.EDGE, "{0} answers {1} (origin DNS error): the edge cannot resolve the origin's "
      + "name.", "Check the origin's record in the CDN's DNS settings (the name or CNAME the CDN resolves for the "
      + "origin) and that it resolves publicly."),
  /** Arguments: the provider, the status. */
  EDGE_CHALLENGE(Category.EDGE, "{0} answered HTTP {1} with a challenge: its bot protection blocks this client.",
      "Browsers may pass the challenge; allow this client in the CDN's WAF or bot settings if checks must pass."),
  /** Arguments: the provider, the failure. */
  EDGE_REDIRECT_LOOP(Category.EDGE, "The redirects through {0} never end ({1}): typically the CDN's Flexible SSL "
      + "mode meeting an origin that redirects to https.",
      "Set the CDN's SSL mode to Full (strict), or stop the origin's http-to-https redirect."),

  // ---- ORIGIN
  /** Arguments: the provider, the status line, the origin software hint. */
  ORIGIN_ERROR_BEHIND_EDGE(Category.ORIGIN, "The origin answered {1} through {0}: the edge works, the application "
      + "behind it does not{2}.",
      "Read the application's and web server's logs on the origin (journalctl, nginx error.log)."),
  /** Arguments: the provider, the edge's status line, the origin address, the origin failure. */
  ORIGIN_DOWN_BEHIND_EDGE(Category.ORIGIN, "{0} answers {1} and the origin {2} does not answer directly either ({3}): "
      + "the origin is down.",
      "Start or fix the web server on the origin (systemctl status nginx; ss -tulnp on the server); if it runs, check "
      + "the origin's firewall."),
  /** Arguments: the provider, the status line. */
  ORIGIN_INVALID_RESPONSE_BEHIND_EDGE(Category.ORIGIN, "{0} answers {1} (unknown error): the origin's response was "
      + "empty, reset or not valid HTTP.", "Read the origin's web server and application logs for crashes or reset "
      + "connections at that time; check for oversized response headers or cookies."),
  /** Arguments: the provider, the status line. */
  ORIGIN_TOO_SLOW_BEHIND_EDGE(Category.ORIGIN, "{0} answers {1} (a timeout occurred): the edge connected to the "
      + "origin, but the application did not answer before the edge gave up (100 s on Cloudflare).",
      "Find the slow requests in the origin's logs (request times, application, database); move long work to a "
      + "background job."),
  /** Arguments: the host, the status line, the origin software hint. */
  ORIGIN_SERVER_ERROR(Category.ORIGIN, "{0} answered {1}: the server is reachable but the application failed{2}.",
      "Read the application's and web server's logs (journalctl, nginx error.log)."),
  /** Arguments: the host, the port. */
  ORIGIN_REFUSED(Category.ORIGIN, "{0} refused the connection on port {1}: nothing listens there.",
      "Start the web server, or check which port it listens on (ss -tulnp on the server)."),
  /** Arguments: the host, the port. */
  ORIGIN_TIMEOUT(Category.ORIGIN, "{0} did not answer on port {1} before the deadline: a firewall drops the packets "
      + "or the server hangs.", "Check the firewall or security group for port {1}, and whether the server is "
      + "overloaded."),
  /** Arguments: the host, the failure. */
  ORIGIN_BROKEN_RESPONSE(Category.ORIGIN, "{0} accepted the connection but did not answer with valid HTTP ({1}).",
      "Check that the port serves HTTP(S), and the web server's error log."),
  /** Arguments: the host, the failure. */
  REDIRECT_LOOP(Category.ORIGIN, "The redirects of {0} never end ({1}).",
      "Follow them with curl -IL and fix the rule that redirects back."),
  /** Arguments: the host, the status line. */
  ACCESS_DENIED(Category.ORIGIN, "{0} answered {1}: the server works, but refuses this request without credentials.",
      "Diagnose a public URL of the site, or check the credentials and access rules the URL needs."),
  /** Arguments: the host, the status line. */
  HTTP_CLIENT_ERROR(Category.ORIGIN, "{0} answered {1}: the server works, but it does not serve this URL.",
      "Check the URL's path and the application's routes or virtual host."),

  // ---- LOCAL_PORT
  /** Arguments: the port, the local address. */
  PORT_LOOPBACK_ONLY(Category.LOCAL_PORT, "Port {0} listens on {1} only: not reachable from outside.",
      "Bind the server to 0.0.0.0 (e.g. runserver 0.0.0.0:{0}), or put a reverse proxy in front of it."),
  /** Arguments: the port. */
  PORT_NOT_LISTENING(Category.LOCAL_PORT, "Nothing listens on port {0} on this machine.",
      "Start the server, or check the port it is configured for (ss -tulnp).");

  private final Category category;
  private final String explanation;
  private final String nextStep;

  Finding(Category category, String explanation, String nextStep) {
    this.category = category;
    this.explanation = explanation;
    this.nextStep = nextStep;
  }

  public Category category() {
    return category;
  }

  /** The English explanation with {@code {n}} placeholders. */
  public String explanationTemplate() {
    return explanation;
  }

  /** The English next step with {@code {n}} placeholders. */
  public String nextStepTemplate() {
    return nextStep;
  }

  /**
   * Replaces {@code {0}}, {@code {1}}, … in {@code template} with the arguments, literally (no MessageFormat quoting
   * rules). Placeholders without an argument are left as they are.
   */
  public static String fill(String template, List<String> arguments) {
    String out = template;
    for (int i = 0; i < arguments.size(); i++) {
      out = out.replace("{" + i + "}", arguments.get(i));
    }
    return out;
  }
}
