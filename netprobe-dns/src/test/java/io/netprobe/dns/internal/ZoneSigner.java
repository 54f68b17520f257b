package io.netprobe.dns.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Signs a small zone (no delegations) with a fresh ECDSA P-256 key and an NSEC chain, for DNSSEC tests. */
final class ZoneSigner {
  private ZoneSigner() {}

  /** The signed zone text and the key, whose DNSKEY line serves as trust anchor. */
  record Signed(String zoneText, DNSKEYRecord key) {}

  static DNSKEYRecord newKey(String origin, KeyPair[] out) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    out[0] = kp;
    return new DNSKEYRecord(Name.fromString(origin), DClass.IN, 300, 257, 3, DNSSEC.Algorithm.ECDSAP256SHA256,
        kp.getPublic());
  }

  /** Signs {@code lines} ({@code name ttl IN TYPE data}, absolute names) of the zone {@code origin}. */
  static Signed sign(String origin, List<String> lines) throws Exception {
    KeyPair[] kp = new KeyPair[1];
    DNSKEYRecord key = newKey(origin, kp);
    Map<Name, List<Record>> byName = new TreeMap<>();
    List<Record> all = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\\s+", 5);
      all.add(Record.fromString(Name.fromString(f[0]), Type.value(f[3]), DClass.IN, Long.parseLong(f[1]), f[4],
          Name.root));
    }
    all.add(key);
    for (Record r : all) {
      byName.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
    }
    List<Name> names = new ArrayList<>(byName.keySet());
    for (int i = 0; i < names.size(); i++) {
      Name name = names.get(i);
      TreeSet<Integer> types = new TreeSet<>();
      byName.get(name).forEach(r -> types.add(r.getType()));
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      NSECRecord nsec = new NSECRecord(name, DClass.IN, 300, names.get((i + 1) % names.size()),
          types.stream().mapToInt(Integer::intValue).toArray());
      byName.get(name).add(nsec);
    }
    StringBuilder text = new StringBuilder();
    Instant inception = Instant.now().minus(Duration.ofHours(1));
    Instant expiration = Instant.now().plus(Duration.ofDays(30));
    for (List<Record> records : byName.values()) {
      Map<Integer, RRset> sets = new LinkedHashMap<>();
      for (Record r : records) {
        sets.computeIfAbsent(r.getType(), t -> new RRset()).addRR(r);
        text.append(r).append('\n');
      }
      for (RRset set : sets.values()) {
        text.append(DNSSEC.sign(set, key, kp[0].getPrivate(), inception, expiration)).append('\n');
      }
    }
    return new Signed(text.toString(), key);
  }
}
