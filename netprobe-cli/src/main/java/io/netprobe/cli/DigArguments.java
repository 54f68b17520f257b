package io.netprobe.cli;

import io.netprobe.dns.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * dig's and delv's free-form arguments: {@code @server} (several for a fan-out, or the root servers of a trace),
 * the name, the type and the {@code +options}. Immutable after parsing; thread-safe.
 *
 * @param servers every {@code @server}, in the order given
 * @param name the name to look up (the {@code -x} address when given)
 * @param type the record type, when given
 * @param transport {@code +tls}, {@code +https} and their certificate options
 */
record DigArguments(List<String> servers, @Nullable String name, @Nullable String type, boolean tcp,
    boolean shortForm, boolean dnssec, boolean noRecurse, boolean trace, boolean validate, DigTransport transport) {
  static final String KNOWN = "+tcp, +short, +dnssec, +norecurse, +trace, +validate, " + DigTransport.KNOWN;

  /**
   * Parses {@code args}; {@code reverse} is the address of {@code -x}, when given (anything else is a usage error,
   * before any query).
   *
   * @throws IllegalArgumentException naming an unknown option or an argument that does not fit
   */
  static DigArguments parse(List<String> args, @Nullable String reverse) {
    if (reverse != null && !io.netprobe.core.Host.of(reverse).isLiteral()) {
      throw new IllegalArgumentException("-x takes an IP address, was \"" + reverse + "\"");
    }
    List<String> servers = new ArrayList<>();
    String name = reverse;
    String type = null;
    boolean tcp = false;
    boolean shortForm = false;
    boolean dnssec = false;
    boolean noRecurse = false;
    boolean trace = false;
    boolean validate = false;
    DigTransport transport = DigTransport.PLAIN;
    for (String a : args) {
      if (a.startsWith("@")) {
        servers.add(a.substring(1));
      } else if (a.startsWith("+") && transport.with(a) != null) {
        transport = transport.with(a);
      } else if (a.startsWith("+")) {
        switch (a.toLowerCase(Locale.ROOT)) {
          case "+tcp", "+vc" -> tcp = true;
          case "+short" -> shortForm = true;
          case "+dnssec" -> dnssec = true;
          case "+norecurse", "+norec" -> noRecurse = true;
          case "+trace" -> trace = true;
          case "+validate" -> validate = true;
          default -> throw new IllegalArgumentException("unknown dig option " + a + " (known: " + KNOWN + ")");
        }
      } else if (name != null && type == null && RecordType.known().containsKey(a.toUpperCase(Locale.ROOT))) {
        type = a;
      } else if (name == null) {
        name = a;
      } else {
        throw new IllegalArgumentException("unexpected argument \"" + a + "\" after name " + name
            + (type == null ? "" : " and type " + type));
      }
    }
    if (name == null) {
      throw new IllegalArgumentException("no name to look up: dig [@server] name [type], or dig -x address");
    }
    if (trace && validate) {
      throw new IllegalArgumentException("+trace and +validate do not go together: a trace follows referrals, "
          + "validation asks a resolver");
    }
    if (transport.encrypted() && (trace || tcp)) {
      throw new IllegalArgumentException((trace ? "+trace" : "+tcp") + " does not go with +tls or +https");
    }
    return new DigArguments(List.copyOf(servers), name, type, tcp, shortForm, dnssec, noRecurse, trace, validate,
        transport);
  }

  /** The command line as dig's first line repeats it: the arguments as given, after the command's name. */
  static String commandLine(List<String> original, String command) {
    int at = original.indexOf(command);
    return String.join(" ", at < 0 ? original : original.subList(at + 1, original.size()));
  }
}
