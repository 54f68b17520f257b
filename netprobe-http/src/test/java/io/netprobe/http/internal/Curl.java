package io.netprobe.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real curl as the oracle and reads its {@code -w '%{json}'} output and dumped headers. */
final class Curl {
  static final Path BINARY = Path.of("/usr/bin/curl");

  /** What one curl run reported. */
  record Run(int exitCode, String json, List<String> headerNames) {
    String string(String key) {
      Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
      return m.find() ? m.group(1) : "";
    }

    double number(String key) {
      Matcher m = Pattern.compile("\"" + key + "\":([0-9.eE+-]+)").matcher(json);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
  }

  private Curl() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** {@code curl -sI [more] -o /dev/null -D headers -w '%{json}' url}; the header names of the last response. */
  static Run head(String url, List<String> more) throws IOException, InterruptedException {
    Path headers = Files.createTempFile("curl-headers", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-sI", "-o", "/dev/null", "-D", headers.toString(),
          "-w", "%{json}", "--max-time", "10"));
      cmd.addAll(more);
      cmd.add(url);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("curl did not finish: " + cmd);
      }
      return new Run(p.exitValue(), out, lastHeaderNames(Files.readAllLines(headers, StandardCharsets.ISO_8859_1)));
    } finally {
      Files.deleteIfExists(headers);
    }
  }

  /** What {@code curl -s -o FILE -w '%{http_code} %{size_download}' [more] url} got: status, bytes on the wire, body. */
  record Fetch(int exitCode, int status, long wireBytes, String body) {}

  /** A full request with curl (not -I), for comparing methods, credentials, compression and source addresses. */
  static Fetch fetch(String url, List<String> more) throws IOException, InterruptedException {
    Path body = Files.createTempFile("curl-body", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-s", "-o", body.toString(), "-w",
          "%{http_code} %{size_download}", "--max-time", "10"));
      cmd.addAll(more);
      cmd.add(url);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("curl did not finish: " + cmd);
      }
      String[] parts = out.split(" ");
      return new Fetch(p.exitValue(), Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
          Files.readString(body, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(body);
    }
  }

  private static List<String> lastHeaderNames(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("HTTP/")) {
        names.clear();
      } else if (line.contains(":")) {
        names.add(line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }
}
