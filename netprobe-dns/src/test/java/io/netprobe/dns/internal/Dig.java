package io.netprobe.dns.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} for comparison: the record lines of the sections asked for, as printed. */
final class Dig {
  static final Path BINARY = Path.of("/usr/bin/dig");

  private Dig() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /**
   * The records dig prints for {@code name type} asked of {@code ip#port}, each as
   * {@code name ttl class type data} with dig's column padding collapsed to single spaces between the first four
   * fields (the data is kept as printed).
   */
  static List<String> records(String ip, int port, String name, String type, String... options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "@" + ip, "-p", String.valueOf(port), name, type,
        "+tries=1", "+time=2"));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("dig did not finish: " + cmd);
    }
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank() || line.startsWith(";")) {
        continue;
      }
      lines.add(normalize(line));
    }
    return lines;
  }

  /**
   * dig's header line parts for {@code name type} asked of {@code ip#port}: {@code "NOERROR qr aa rd"} — the status
   * and the flags in dig's order.
   */
  static String statusAndFlags(String ip, int port, String name, String type) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(BINARY.toString(), "@" + ip, "-p", String.valueOf(port), name, type, "+tries=1",
        "+time=2", "+noall", "+comments").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    java.util.regex.Matcher status = java.util.regex.Pattern.compile("status: ([A-Z]+)").matcher(out);
    java.util.regex.Matcher flags = java.util.regex.Pattern.compile(";; flags: ([a-z ]*);").matcher(out);
    if (!status.find() || !flags.find()) {
      throw new IOException("no header in dig output:\n" + out);
    }
    return status.group(1) + " " + flags.group(1).strip();
  }

  /**
   * dig's full output from {@code ;; Got answer:} on, with the parts that differ between two runs masked: the
   * message id, the query time and the WHEN line.
   */
  static String fullOutput(String ip, int port, String name, String type, String... options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "@" + ip, "-p", String.valueOf(port), name, type,
        "+tries=1", "+time=2"));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    int start = out.indexOf(";; Got answer:");
    if (start < 0) {
      throw new IOException("no answer in dig output:\n" + out);
    }
    return mask(out.substring(start).strip());
  }

  /** Masks the id, query time and WHEN line of dig-style text. */
  static String mask(String text) {
    return text.replaceAll("id: [0-9]+", "id: ID").replaceAll("Query time: [0-9]+ msec", "Query time: T msec")
        .replaceAll(";; WHEN: [^\n]*", ";; WHEN: W").strip();
  }

  /** Collapses the white space between the first four fields of a record line. */
  static String normalize(String line) {
    String[] f = line.strip().split("\\s+", 5);
    return String.join(" ", f);
  }
}
