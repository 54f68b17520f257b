package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.DnsBackend} is asked: the question and how to ask it, like dig's command line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name in ASCII (punycode for international names), without the trailing dot; {@code "."} for the
 *     root
 * @param input the name as the caller wrote it (differs from {@code name} for international names and {@code -x})
 * @param type the record type
 * @param servers the servers to ask, in order ({@code @server -p port}); empty means the system's resolvers
 * @param forceTcp whether to use TCP from the start ({@code +tcp}); otherwise UDP, retried over TCP when truncated
 * @param ednsBufferSize the EDNS UDP buffer size to advertise; 0 sends no OPT record ({@code +noedns})
 * @param dnssec whether to set the DO bit ({@code +dnssec})
 * @param recursion whether to set RD ({@code +norecurse} clears it)
 * @param tries how many times to send the query to a server before giving up on it ({@code +tries})
 * @param timeout the deadline of the whole lookup, all tries and servers included
 * @param encryption DNS over TLS or HTTPS and how the certificate is checked; empty for plain DNS
 * @param source the local address to send from ({@code dig -b}); empty lets the system choose
 * @param dnsClass the question's class ({@code dig CH}); {@link DnsClass#IN} by default
 */
public record DnsSpec(
    String name,
    String input,
    RecordType type,
    List<InetSocketAddress> servers,
    boolean forceTcp,
    int ednsBufferSize,
    boolean dnssec,
    boolean recursion,
    int tries,
    Duration timeout,
    Optional<DnsEncryption> encryption,
    Optional<InetAddress> source,
    DnsClass dnsClass) implements ProbeSpec<DnsResult> {

  /** The EDNS buffer size sent by default: the DNS Flag Day 2020 value, which avoids IP fragmentation. */
  public static final int DEFAULT_EDNS_BUFFER_SIZE = 1232;

  /** Tries per server by default, like dig. */
  public static final int DEFAULT_TRIES = 3;

  public DnsSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(type, "type");
    servers = List.copyOf(servers);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dnsClass, "dnsClass");
    if (ednsBufferSize != 0 && (ednsBufferSize < 512 || ednsBufferSize > 65535)) {
      throw new IllegalArgumentException("EDNS buffer size must be 0 (off) or between 512 and 65535, was "
          + ednsBufferSize);
    }
    if (tries < 1 || tries > 10) {
      throw new IllegalArgumentException("tries must be between 1 and 10, was " + tries);
    }
  }

  /** A plain-DNS query from the system's choice of source address. */
  public DnsSpec(String name, String input, RecordType type, List<InetSocketAddress> servers, boolean forceTcp,
      int ednsBufferSize, boolean dnssec, boolean recursion, int tries, Duration timeout) {
    this(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout, Optional.empty(),
        Optional.empty(), DnsClass.IN);
  }

  /** A query of class IN. */
  public DnsSpec(String name, String input, RecordType type, List<InetSocketAddress> servers, boolean forceTcp,
      int ednsBufferSize, boolean dnssec, boolean recursion, int tries, Duration timeout,
      Optional<DnsEncryption> encryption, Optional<InetAddress> source) {
    this(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout, encryption, source,
        DnsClass.IN);
  }

  /**
   * A question with dig's defaults: the system's resolvers, UDP retried over TCP when truncated, EDNS with a
   * {@value #DEFAULT_EDNS_BUFFER_SIZE}-byte buffer, no DO bit, RD set, {@value #DEFAULT_TRIES} tries.
   */
  public static DnsSpec of(String name, String input, RecordType type, Duration timeout) {
    return new DnsSpec(name, input, type, List.of(), false, DEFAULT_EDNS_BUFFER_SIZE, false, true, DEFAULT_TRIES,
        timeout);
  }

  /** This query with the DO bit set and EDNS on, which carries it. */
  public DnsSpec withDnssec() {
    return withEdnsBufferSize(ednsBufferSize == 0 ? DEFAULT_EDNS_BUFFER_SIZE : ednsBufferSize).withDnssec(true);
  }

  public DnsSpec withName(String name) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withInput(String input) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withType(RecordType type) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withServers(List<InetSocketAddress> servers) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withForceTcp(boolean forceTcp) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withEdnsBufferSize(int ednsBufferSize) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  /** This query with the DO bit as given and nothing else changed; see {@link #withDnssec()} to turn EDNS on too. */
  public DnsSpec withDnssec(boolean dnssec) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withRecursion(boolean recursion) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withTries(int tries) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  public DnsSpec withTimeout(Duration timeout) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  /** This query encrypted as given, or plain when empty. */
  public DnsSpec withEncryption(Optional<DnsEncryption> encryption) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  /** This query sent from this local address, or from the system's choice when empty. */
  public DnsSpec withSource(Optional<InetAddress> source) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  /** This query asking class {@code dnsClass}. */
  public DnsSpec withDnsClass(DnsClass dnsClass) {
    return new DnsSpec(name, input, type, servers, forceTcp, ednsBufferSize, dnssec, recursion, tries, timeout,
        encryption, source, dnsClass);
  }

  @Override
  public DnsResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return DnsResult.builder(this).backend("none").started(started).elapsed(elapsed).failure(failure).build();
  }

  /** The name as an absolute name with the trailing dot, as dig prints it. */
  public String absoluteName() {
    return name.equals(".") ? "." : name + ".";
  }
}
