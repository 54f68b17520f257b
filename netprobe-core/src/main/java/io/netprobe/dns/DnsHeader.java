package io.netprobe.dns;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The header of a DNS response: dig's {@code ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242} and flags line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the message id
 * @param opcode the opcode mnemonic, e.g. {@code QUERY}
 * @param rcode the response code mnemonic, e.g. {@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}
 * @param flags the flags that are set
 */
public record DnsHeader(int id, String opcode, String rcode, Set<DnsFlag> flags) {
  public DnsHeader {
    Objects.requireNonNull(opcode, "opcode");
    Objects.requireNonNull(rcode, "rcode");
    // an unmodifiable EnumSet: cheaper than Set.copyOf for a batch of thousands, and iterates in dig's order
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }

  public boolean has(DnsFlag flag) {
    return flags.contains(flag);
  }
}
