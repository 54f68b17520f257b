package io.netprobe.dns.internal;

import io.netprobe.dns.DnsQuery;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * One query on the wire and the rules a response must meet to count as its answer: same id, QR set, and the same
 * question (RFC 5452 §9.1) — an error response may omit the question. Immutable; thread-safe.
 *
 * @param id the message id
 * @param name the question name
 * @param type the question type
 * @param wire the encoded query
 * @param edns whether an OPT record was sent
 */
record WireQuery(int id, Name name, int type, byte[] wire, boolean edns) {

  /** Encodes {@code query} with this id; {@code edns} false leaves the OPT record out even when asked for. */
  static WireQuery of(DnsQuery query, int id, boolean edns) {
    Name name = absolute(query.name());
    Message m = Message.newQuery(Record.newRecord(name, query.type().code(), DClass.IN));
    m.getHeader().setID(id);
    if (!query.recursion()) {
      m.getHeader().unsetFlag(Flags.RD);
    }
    // dig sends AD: "tell me whether you validated it"
    m.getHeader().setFlag(Flags.AD);
    boolean withOpt = edns && query.ednsBufferSize() > 0;
    if (withOpt) {
      // ask for the server's NSID too: it names the instance behind an anycast address
      m.addRecord(new OPTRecord(query.ednsBufferSize(), 0, 0, query.dnssec() ? ExtendedFlags.DO : 0,
          new GenericEDNSOption(EDNSOption.Code.NSID, new byte[0])), Section.ADDITIONAL);
    }
    return new WireQuery(id, name, query.type().code(), m.toWire(), withOpt);
  }

  static Name absolute(String name) {
    try {
      return name.equals(".") ? Name.root : Name.fromString(name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a valid DNS name: \"" + name + "\" (" + e.getMessage() + ")", e);
    }
  }

  /** Null when {@code response} answers this query; otherwise why it does not. */
  String mismatch(Message response) {
    if (response.getHeader().getID() != id) {
      return "id " + response.getHeader().getID() + " instead of " + id;
    }
    if (!response.getHeader().getFlag(Flags.QR)) {
      return "QR flag not set";
    }
    Record q = response.getQuestion();
    if (q == null) {
      return response.getRcode() == 0 ? "no question section" : null;
    }
    if (!q.getName().equals(name) || q.getType() != type || q.getDClass() != DClass.IN) {
      return "question " + q.getName() + " " + org.xbill.DNS.Type.string(q.getType()) + " instead of " + name + " "
          + org.xbill.DNS.Type.string(type);
    }
    return null;
  }

  /** The query's size in bytes. */
  int size() {
    return wire.length;
  }
}
