package io.netprobe.dns.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ldns-keygen and ldns-signzone (Debian's ldnsutils) for zones signed the way operators sign them. */
final class Ldns {
  static final Path KEYGEN = Path.of("/usr/bin/ldns-keygen");
  static final Path SIGNZONE = Path.of("/usr/bin/ldns-signzone");

  private Ldns() {}

  static boolean installed() {
    return Files.isExecutable(KEYGEN) && Files.isExecutable(SIGNZONE);
  }

  /** A zone's key-signing and zone-signing key files (base names without .key/.private) in {@code dir}. */
  record Keys(Path dir, String zone, String ksk, String zsk) {
    /** The KSK's DNSKEY line (a trust anchor). */
    String dnskey() throws IOException {
      return Files.readString(dir.resolve(ksk + ".key")).replaceAll(";.*", "").trim();
    }

    /** The KSK's DS line, as the parent publishes it. */
    String ds() throws IOException {
      return Files.readString(dir.resolve(ksk + ".ds")).replaceAll(";.*", "").trim();
    }

    /** delv's trust-anchor file for the KSK. */
    String delvAnchor() throws IOException {
      String[] f = dnskey().split("\\s+");
      return "trust-anchors {\n  " + f[0] + " static-key " + f[3] + " " + f[4] + " " + f[5] + " \"" + f[6]
          + "\";\n};\n";
    }
  }

  static Keys keygen(Path dir, String zone) throws IOException, InterruptedException {
    String ksk = run(dir, KEYGEN.toString(), "-a", "ECDSAP256SHA256", "-k", zone).trim();
    String zsk = run(dir, KEYGEN.toString(), "-a", "ECDSAP256SHA256", zone).trim();
    return new Keys(dir, zone, ksk, zsk);
  }

  /** Signs {@code text} (the zone file) with {@code keys}; {@code options} go to ldns-signzone ({@code -n}, {@code -e}…). */
  static String sign(Keys keys, String text, String... options) throws IOException, InterruptedException {
    String base = keys.zone().equals(".") ? "root" : keys.zone();
    Path zone = keys.dir().resolve(base + ".zone");
    Path signed = keys.dir().resolve(base + ".zone.signed");
    Files.writeString(zone, text);
    List<String> cmd = new ArrayList<>(List.of(SIGNZONE.toString()));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-f", signed.toString(), zone.toString(), keys.ksk(), keys.zsk()));
    run(keys.dir(), cmd.toArray(String[]::new));
    return Files.readString(signed);
  }

  static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
