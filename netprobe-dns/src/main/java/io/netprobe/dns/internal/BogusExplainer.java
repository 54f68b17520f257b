package io.netprobe.dns.internal;

import io.netprobe.dns.DnssecProblem;
import io.netprobe.dns.DnssecProblem.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Finds out why a validation came out bogus, because dnsjava's validator keeps only its outermost reason ("Positive
 * response has failed ANSWER rrset"): asks again with checking disabled (CD) and checks each record set the way
 * delv does — the chain of keys from the trust anchor down to the signer, then the signature's validity period,
 * then the signature itself — and names the first thing that is wrong. Not thread-safe: one per validation.
 */
final class BogusExplainer {
  private static final int MAX_DEPTH = 16;
  private static final int DO_FLAG = 0x8000;

  private final Resolver resolver;
  private final Map<Name, List<Record>> anchors;
  private final Instant now;
  private final Map<Name, Optional<DnssecProblem>> checkedZones = new HashMap<>();
  private final Map<Name, List<DNSKEYRecord>> keys = new HashMap<>();

  private BogusExplainer(Resolver resolver, Map<Name, List<Record>> anchors, Instant now) {
    this.resolver = resolver;
    this.anchors = anchors;
    this.now = now;
  }

  /**
   * The first problem found with the answer to {@code name}/{@code type}; empty when every signature checks out
   * (the validator's own reason then stands) or the servers stop answering.
   */
  static Optional<DnssecProblem> explain(Resolver resolver, String trustAnchors, Name name, int type,
      @Nullable String validatorReason) {
    try {
      BogusExplainer e = new BogusExplainer(resolver, parseAnchors(trustAnchors), Instant.now());
      return Optional.ofNullable(e.answer(name, type, validatorReason));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private @Nullable DnssecProblem answer(Name name, int type, @Nullable String validatorReason) throws IOException {
    Message m = ask(name, type);
    List<RRset> answer = m.getSectionRRsets(Section.ANSWER);
    for (RRset set : answer) {
      DnssecProblem p = rrset(set, 0);
      if (p != null) {
        return p;
      }
    }
    boolean answered = answer.stream().anyMatch(s -> s.getType() == type);
    RRset wildcard = answer.stream().filter(BogusExplainer::isWildcardExpansion).findFirst().orElse(null);
    if (answered && wildcard == null) {
      return null;
    }
    Name zone = null;
    boolean nsec = false;
    boolean nsec3 = false;
    for (RRset set : m.getSectionRRsets(Section.AUTHORITY)) {
      if (set.getType() == Type.SOA) {
        zone = set.getName();
      }
      nsec |= set.getType() == Type.NSEC;
      nsec3 |= set.getType() == Type.NSEC3;
      DnssecProblem p = rrset(set, 0);
      if (p != null) {
        return p;
      }
    }
    String records = nsec3 ? "the NSEC3 records" : nsec ? "the NSEC records" : "no NSEC or NSEC3 record";
    String suffix = validatorReason == null ? "" : " (" + validatorReason + ")";
    if (wildcard != null) {
      // a wildcard expansion is only secure with a proof that the queried name itself does not exist
      Name signer = wildcard.sigs().get(0).getSigner();
      return new DnssecProblem(Kind.DENIAL_NOT_PROVEN, text(signer), rrsetName(name, type),
          "the answer is a wildcard expansion (" + rrsetName(wildcard.getName(), wildcard.getType())
              + " signed for *." + wildcardParent(wildcard) + ") and " + records
              + (nsec || nsec3 ? " do not prove" : " proves") + " that the name does not exist" + suffix);
    }
    String what = m.getRcode() == org.xbill.DNS.Rcode.NXDOMAIN ? "that the name does not exist"
        : "that the type does not exist";
    return new DnssecProblem(Kind.DENIAL_NOT_PROVEN, text(zone == null ? name : zone), rrsetName(name, type),
        records + (nsec || nsec3 ? " do not prove " : " proves ") + what + suffix);
  }

  /** A set whose RRSIG covers fewer labels than its owner has: the server made it from a wildcard. */
  private static boolean isWildcardExpansion(RRset set) {
    List<RRSIGRecord> sigs = set.sigs();
    int labels = set.getName().labels() - 1 - (set.getName().isWild() ? 1 : 0);
    return !sigs.isEmpty() && sigs.stream().allMatch(s -> s.getLabels() < labels);
  }

  private static String wildcardParent(RRset set) {
    Name owner = set.getName();
    int labels = set.sigs().get(0).getLabels();
    return text(new Name(owner, owner.labels() - 1 - labels));
  }

  /** Checks one signed record set: the signer's keys, then a signature that is current and verifies. */
  private @Nullable DnssecProblem rrset(RRset set, int depth) throws IOException {
    if (set.getType() == Type.RRSIG || depth > MAX_DEPTH) {
      return null;
    }
    List<RRSIGRecord> sigs = set.sigs();
    String what = rrsetName(set.getName(), set.getType());
    if (sigs.isEmpty()) {
      Name zone = zoneOf(set.getName());
      if (zone == null || keysOf(zone).isEmpty()) {
        // an unsigned set in an unsigned zone is insecure, not bogus: not this set's fault
        return null;
      }
      return new DnssecProblem(Kind.MISSING_SIGNATURE, text(zone), what,
          "the zone is signed but " + what + " has no RRSIG");
    }
    DnssecProblem first = null;
    for (RRSIGRecord sig : sigs) {
      DnssecProblem p = signature(set, sig, depth);
      if (p == null) {
        return null;
      }
      first = first == null ? p : first;
    }
    return first;
  }

  private @Nullable DnssecProblem signature(RRset set, RRSIGRecord sig, int depth) throws IOException {
    Name signer = sig.getSigner();
    String what = rrsetName(set.getName(), set.getType());
    if (set.getType() != Type.DNSKEY || !set.getName().equals(signer)) {
      DnssecProblem chain = zone(signer, depth + 1);
      if (chain != null) {
        return chain;
      }
    }
    DNSKEYRecord key = keysOf(signer).stream()
        .filter(k -> k.getFootprint() == sig.getFootprint() && k.getAlgorithm() == sig.getAlgorithm())
        .findFirst().orElse(null);
    String tag = "key tag " + sig.getFootprint() + ", algorithm " + sig.getAlgorithm();
    if (key == null) {
      return new DnssecProblem(Kind.NO_KEY_FOR_SIGNATURE, text(signer), what,
          "the RRSIG names " + tag + " but no DNSKEY of " + text(signer) + " has it");
    }
    if (now.isAfter(sig.getExpire())) {
      return new DnssecProblem(Kind.SIGNATURE_EXPIRED, text(signer), what,
          "the RRSIG (" + tag + ") expired at " + sig.getExpire());
    }
    if (now.isBefore(sig.getTimeSigned())) {
      return new DnssecProblem(Kind.SIGNATURE_NOT_YET_VALID, text(signer), what,
          "the RRSIG (" + tag + ") is valid only from " + sig.getTimeSigned());
    }
    try {
      DNSSEC.verify(set, sig, key, now);
      return null;
    } catch (DNSSEC.SignatureVerificationException e) {
      return new DnssecProblem(Kind.SIGNATURE_INVALID, text(signer), what,
          "the RRSIG (" + tag + ") does not match the data: the records or the signature were altered");
    } catch (DNSSEC.DNSSECException e) {
      return new DnssecProblem(Kind.OTHER, text(signer), what, "the RRSIG (" + tag + "): " + e.getMessage());
    }
  }

  /** Checks that {@code zone}'s DNSKEY set is anchored (trust anchor or a matching DS) and self-signed. */
  private @Nullable DnssecProblem zone(Name zone, int depth) throws IOException {
    Optional<DnssecProblem> known = checkedZones.get(zone);
    if (known != null) {
      return known.orElse(null);
    }
    checkedZones.put(zone, Optional.empty());
    DnssecProblem p = checkZone(zone, depth);
    checkedZones.put(zone, Optional.ofNullable(p));
    return p;
  }

  private @Nullable DnssecProblem checkZone(Name zone, int depth) throws IOException {
    List<DNSKEYRecord> zoneKeys = keysOf(zone);
    String keySet = rrsetName(zone, Type.DNSKEY);
    List<Record> trusted = anchors.get(zone);
    String source = "trust anchor";
    if (trusted == null) {
      if (zone.equals(Name.root) || depth > MAX_DEPTH) {
        return null;
      }
      RRset ds = rrsetOf(ask(zone, Type.DS), zone, Type.DS);
      if (ds == null) {
        // no DS: an insecure delegation, or a zone below the anchor that the anchor does not cover
        return null;
      }
      DnssecProblem parent = rrset(ds, depth + 1);
      if (parent != null) {
        return parent;
      }
      trusted = new ArrayList<>(ds.rrs());
      source = "DS";
    }
    if (zoneKeys.isEmpty()) {
      return new DnssecProblem(Kind.MISSING_DNSKEY, text(zone), keySet,
          text(zone) + " has a " + source + " but no DNSKEY records");
    }
    List<Record> anchor = trusted;
    List<DNSKEYRecord> matching = zoneKeys.stream().filter(k -> anchor.stream().anyMatch(t -> matches(t, k)))
        .toList();
    if (matching.isEmpty()) {
      String wanted = anchor.stream().map(BogusExplainer::describeAnchor).distinct()
          .reduce((a, b) -> a + ", " + b).orElse("");
      String have = zoneKeys.stream().map(k -> "key tag " + k.getFootprint() + " algorithm " + k.getAlgorithm())
          .reduce((a, b) -> a + ", " + b).orElse("");
      return new DnssecProblem(Kind.NO_DNSKEY_MATCHES_DS, text(zone), keySet,
          "the " + source + " names " + wanted + "; the zone's DNSKEYs are " + have + ": none matches");
    }
    RRset keyset = rrsetOf(ask(zone, Type.DNSKEY), zone, Type.DNSKEY);
    if (keyset == null) {
      return null;
    }
    List<RRSIGRecord> bySecureKey = keyset.sigs().stream().filter(s -> matching.stream()
        .anyMatch(k -> k.getFootprint() == s.getFootprint() && k.getAlgorithm() == s.getAlgorithm())).toList();
    if (bySecureKey.isEmpty()) {
      return new DnssecProblem(Kind.MISSING_SIGNATURE, text(zone), keySet,
          "no RRSIG over the DNSKEYs is made by the key the " + source + " names");
    }
    DnssecProblem first = null;
    for (RRSIGRecord sig : bySecureKey) {
      DnssecProblem p = signature(keyset, sig, depth);
      if (p == null) {
        return null;
      }
      first = first == null ? p : first;
    }
    return first;
  }

  private static boolean matches(Record anchor, DNSKEYRecord key) {
    if (anchor instanceof DNSKEYRecord k) {
      return k.getAlgorithm() == key.getAlgorithm() && Arrays.equals(k.getKey(), key.getKey());
    }
    if (anchor instanceof DSRecord ds) {
      if (ds.getFootprint() != key.getFootprint() || ds.getAlgorithm() != key.getAlgorithm()) {
        return false;
      }
      try {
        DSRecord computed = new DSRecord(key.getName(), DClass.IN, 0, ds.getDigestID(), key);
        return Arrays.equals(computed.getDigest(), ds.getDigest());
      } catch (RuntimeException unsupportedDigest) {
        return false;
      }
    }
    return false;
  }

  private static String describeAnchor(Record r) {
    if (r instanceof DSRecord ds) {
      return "key tag " + ds.getFootprint() + " algorithm " + ds.getAlgorithm();
    }
    DNSKEYRecord k = (DNSKEYRecord) r;
    return "key tag " + k.getFootprint() + " algorithm " + k.getAlgorithm();
  }

  private List<DNSKEYRecord> keysOf(Name zone) throws IOException {
    List<DNSKEYRecord> known = keys.get(zone);
    if (known != null) {
      return known;
    }
    RRset set = rrsetOf(ask(zone, Type.DNSKEY), zone, Type.DNSKEY);
    List<DNSKEYRecord> found = set == null ? List.of()
        : set.rrs().stream().filter(DNSKEYRecord.class::isInstance).map(DNSKEYRecord.class::cast).toList();
    keys.put(zone, found);
    return found;
  }

  /** The zone a name is in: the owner of the SOA the servers give for it. */
  private @Nullable Name zoneOf(Name name) throws IOException {
    Message m = ask(name, Type.SOA);
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (RRset set : m.getSectionRRsets(section)) {
        if (set.getType() == Type.SOA) {
          return set.getName();
        }
      }
    }
    return null;
  }

  private static @Nullable RRset rrsetOf(Message m, Name name, int type) {
    return m.getSectionRRsets(Section.ANSWER).stream()
        .filter(s -> s.getType() == type && s.getName().equals(name)).findFirst().orElse(null);
  }

  /** Asks with DO (signatures wanted) and CD (the server must not hide bogus data behind a SERVFAIL). */
  private Message ask(Name name, int type) throws IOException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().setFlag(Flags.CD);
    q.addRecord(new OPTRecord(1232, 0, 0, DO_FLAG), Section.ADDITIONAL);
    return resolver.send(q);
  }

  private static Map<Name, List<Record>> parseAnchors(String text) throws IOException {
    Map<Name, List<Record>> out = new HashMap<>();
    try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root,
        0)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r instanceof DSRecord || r instanceof DNSKEYRecord) {
          out.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
        }
      }
    }
    return out;
  }

  private static String rrsetName(Name name, int type) {
    return text(name) + "/" + Type.string(type);
  }

  private static String text(Name name) {
    return name.toString();
  }
}
