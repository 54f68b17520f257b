package io.netprobe.dns.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The zones the NSD integration tests serve. */
final class TestZones {
  private TestZones() {}

  /** TXT strings enough that the answer (about 3.8 kB) only fits over TCP. */
  static String bigTxt() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 31; i++) {
      sb.append("big IN TXT \"").append(("chunk-" + i + "-").repeat(20), 0, 110).append("\"\n");
    }
    return sb.toString();
  }

  static Map<String, String> example(String nsIp) {
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("example.test", """
        $ORIGIN example.test.
        $TTL 300
        @ IN SOA ns1.example.test. hostmaster.example.test. 2026112401 7200 3600 1209600 300
        @ IN NS ns1.example.test.
        ns1 IN A %s
        @ IN A 192.0.2.10
        @ IN AAAA 2001:db8::10
        @ IN MX 10 mail.example.test.
        @ IN MX 20 mail2.example.test.
        @ IN TXT "v=spf1 -all"
        @ IN TXT "two" "strings with \\"quotes\\" and \\\\ and caf\\195\\169"
        @ IN CAA 0 issue "letsencrypt.org"
        @ IN CAA 128 iodef "mailto:security@example.test"
        @ IN HTTPS 1 . alpn=h2,h3 ipv4hint=192.0.2.10 ipv6hint=2001:db8::10
        @ IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
        www IN CNAME example.test.
        _svc IN SVCB 1 svc.example.test. port=8443 alpn=h2
        _sip._tcp IN SRV 10 60 5060 sip.example.test.
        nodata IN A 192.0.2.20
        sub IN NS ns1.sub.example.test.
        sub IN DS 12345 13 2 8ACBB0CD28F41250A80A491389424D341522D946B0DA0C0291F2D3D771D7805A
        ns1.sub IN A %s
        sshfp IN SSHFP 4 2 A1D5F1E0B3F1C2D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C
        unknown IN TYPE65400 \\# 4 0A0B0C0D
        _25._tcp IN TLSA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6
        pgp IN OPENPGPKEY mQENBFVHm5sBCADEJkg+JcL2OeTzGJjtTcBvzkI2OVgmkL1bE8QB5hMVYbRMoXNLjCKK2rnN7nrNmfJGDp1ZEEsGnk6mM3mhgRsu0nHh5PtN2y3rrQzgUP8wwGFbYa9YbqRdLOzcxQ4iDNtSnb+oeFxH5T0yVMbt1WRt
        loc IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m
        """.formatted(nsIp, nsIp) + bigTxt());
    zones.put("2.0.192.in-addr.arpa", """
        $ORIGIN 2.0.192.in-addr.arpa.
        $TTL 300
        @ IN SOA ns1.example.test. hostmaster.example.test. 1 7200 3600 1209600 300
        @ IN NS ns1.example.test.
        10 IN PTR example.test.
        """);
    return zones;
  }
}
