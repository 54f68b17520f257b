package io.netprobe.dns;

import java.util.Objects;

/**
 * Why a DNSSEC validation came out bogus, in delv's terms: what is wrong, with which record set, in which zone.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what is wrong
 * @param zone the zone to blame, absolute ({@code expired.test.}): the signer of a bad signature, the zone whose
 *     keys do not match its DS, the zone whose denial proof fails
 * @param rrset the record set concerned, as {@code name/TYPE} ({@code www.expired.test./A})
 * @param detail one sentence with the evidence (key tag, algorithm, validity dates)
 */
public record DnssecProblem(Kind kind, String zone, String rrset, String detail) {

  /** What is wrong. Immutable enum; thread-safe. */
  public enum Kind {
    /** The signature's validity period has ended (delv: "RRSIG has expired"). */
    SIGNATURE_EXPIRED("RRSIG has expired"),
    /** The signature's validity period has not begun (delv: "RRSIG validity period has not begun"). */
    SIGNATURE_NOT_YET_VALID("RRSIG validity period has not begun"),
    /** The signature does not verify over the data: data or signature altered (delv: "RRSIG failed to verify"). */
    SIGNATURE_INVALID("RRSIG failed to verify"),
    /** The record set has no signature at all although its zone is signed. */
    MISSING_SIGNATURE("no RRSIG"),
    /** No DNSKEY of the signer has the key tag and algorithm the signature names. */
    NO_KEY_FOR_SIGNATURE("no DNSKEY matches the RRSIG"),
    /** None of the zone's DNSKEYs matches its DS records (or trust anchor): the chain of trust is broken. */
    NO_DNSKEY_MATCHES_DS("no DNSKEY matches the DS"),
    /** The zone's DNSKEY record set could not be found. */
    MISSING_DNSKEY("no DNSKEY"),
    /** The NSEC or NSEC3 records do not prove that the name or type does not exist. */
    DENIAL_NOT_PROVEN("NSEC/NSEC3 proof failed"),
    /** Something else the validator rejected; see the detail. */
    OTHER("validation failed");

    private final String phrase;

    Kind(String phrase) {
      this.phrase = phrase;
    }

    /** The short phrase delv would print for it. */
    public String phrase() {
      return phrase;
    }
  }

  public DnssecProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(rrset, "rrset");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line: {@code RRSIG has expired: www.expired.test./A in zone expired.test.: <detail>}. */
  public String describe() {
    return kind.phrase() + ": " + rrset + " in zone " + zone + ": " + detail;
  }
}
