package io.netprobe.dns.internal;

import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.EdnsInfo;
import io.netprobe.dns.RecordType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns a dnsjava {@link Message} into netprobe's values. What they mean (the failure an rcode is) is core's to say:
 * {@link DnsResult.Builder#failureFromResponse(String)}. Stateless; thread-safe.
 */
final class ResponseReader {
  private ResponseReader() {}

  /** Fills header, EDNS and sections of {@code b} from {@code m}. */
  static DnsResult.Builder fill(DnsResult.Builder b, Message m) {
    OPTRecord opt = m.getOPT();
    return b.header(header(m))
        .edns(opt == null ? null : edns(opt))
        .answers(section(m, Section.ANSWER))
        .authority(section(m, Section.AUTHORITY))
        .additional(section(m, Section.ADDITIONAL));
  }

  static DnsHeader header(Message m) {
    Header h = m.getHeader();
    EnumSet<DnsFlag> flags = EnumSet.noneOf(DnsFlag.class);
    addIf(flags, h.getFlag(Flags.QR), DnsFlag.QR);
    addIf(flags, h.getFlag(Flags.AA), DnsFlag.AA);
    addIf(flags, h.getFlag(Flags.TC), DnsFlag.TC);
    addIf(flags, h.getFlag(Flags.RD), DnsFlag.RD);
    addIf(flags, h.getFlag(Flags.RA), DnsFlag.RA);
    addIf(flags, h.getFlag(Flags.AD), DnsFlag.AD);
    addIf(flags, h.getFlag(Flags.CD), DnsFlag.CD);
    return new DnsHeader(h.getID(), Opcode.string(h.getOpcode()), Rcode.string(m.getRcode()), flags);
  }

  private static void addIf(EnumSet<DnsFlag> flags, boolean set, DnsFlag flag) {
    if (set) {
      flags.add(flag);
    }
  }

  static EdnsInfo edns(OPTRecord opt) {
    Optional<String> nsid = opt.getOptions(EDNSOption.Code.NSID).stream().findFirst()
        
        // EDNSOption.toWire() is code, length, data; the data getter is not public
        .map(o -> nsidText(java.util.Arrays.copyOfRange(o.toWire(), 4, o.toWire().length)));
    List<EdnsInfo.ExtendedDnsError> errors = new ArrayList<>();
    for (EDNSOption o : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
      ExtendedErrorCodeOption e = (ExtendedErrorCodeOption) o;
      errors.add(new EdnsInfo.ExtendedDnsError(e.getErrorCode(), ExtendedErrors.name(e.getErrorCode()),
          e.getText() == null ? "" : e.getText()));
    }
    return new EdnsInfo(opt.getPayloadSize(), opt.getVersion(), (opt.getFlags() & ExtendedFlags.DO) != 0, nsid,
        errors);
  }

  /** NSID as text when it is printable ASCII (as dig shows it in parentheses), else as hex. */
  private static String nsidText(byte[] data) {
    boolean printable = data.length > 0;
    for (byte b : data) {
      printable &= b >= 0x20 && b < 0x7f;
    }
    if (printable) {
      return new String(data, StandardCharsets.US_ASCII);
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : data) {
      hex.append(String.format("%02x", b & 0xff));
    }
    return hex.toString();
  }

  static List<DnsAnswer> section(Message m, int section) {
    List<Record> records = m.getSection(section);
    List<DnsAnswer> out = new ArrayList<>(records.size());
    for (Record r : records) {
      if (r.getType() == Type.OPT) {
        continue;
      }
      out.add(answer(r));
    }
    return out;
  }

  static DnsAnswer answer(Record r) {
    return new DnsAnswer(r.getName().toString(), Duration.ofSeconds(r.getTTL()), DClass.string(r.getDClass()),
        type(r.getType()), RdataText.of(r));
  }

  static RecordType type(int code) {
    RecordType ours = RecordType.of(code);
    if (!ours.mnemonic().startsWith("TYPE")) {
      return ours;
    }
    String theirs = Type.string(code);
    return theirs.startsWith("TYPE") ? ours : new RecordType(code, theirs);
  }
}
