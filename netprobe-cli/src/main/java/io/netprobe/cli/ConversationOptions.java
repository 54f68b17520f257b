package io.netprobe.cli;

import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.sockets.TcpConversationRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code netprobe tcp}'s conversation options, kept in command-line order: {@code --send}, {@code --send-secret},
 * {@code --expect} and {@code --starttls} are the steps of blackbox_exporter's {@code query_response};
 * {@code --tls} starts TLS on connect. In {@code --send} text, {@code \r}, {@code \n}, {@code \t} and {@code \\} are
 * escapes (a line ends with {@code \n} anyway). Not thread-safe.
 */
final class ConversationOptions {
  @Option(names = "--send", paramLabel = "TEXT", description = "Send TEXT and a newline; ${1} or ${name} insert "
      + "groups of the last --expect.")
  List<String> send = List.of();

  @Option(names = "--send-secret", paramLabel = "TEXT", description = "Like --send, never printed (passwords, AUTH).")
  List<String> sendSecret = List.of();

  @Option(names = "--expect", paramLabel = "REGEX", description = "Read lines until one matches REGEX.")
  List<String> expect = List.of();

  @Option(names = "--starttls", description = "Start TLS at this point of the conversation.")
  List<Boolean> startTls = List.of();

  @Option(names = "--tls", description = "Start TLS right after connecting (ports like 465, 993, 636).")
  boolean tls;

  @Option(names = "--servername", paramLabel = "NAME", description = "Name for SNI and the certificate check "
      + "(default: HOST).")
  String serverName;

  @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates in this PEM file.")
  Path cacert;

  @Option(names = {"-k", "--insecure"}, description = "Go on when the certificate fails verification (reported).")
  boolean insecure;

  @Option(names = {"-s", "--source"}, paramLabel = "ADDRESS|INTERFACE", description = "Connect from this address "
      + "(nc -s).")
  String source;

  @Option(names = "--prefer", paramLabel = "ip4|ip6", description = "Prefer this protocol, falling back to the other "
      + "(connects and conversations).")
  String prefer;

  /** The IP preference of {@code --prefer}, when given (it applies to plain connects too). */
  Optional<IpPreference> preference() {
    return prefer == null ? Optional.empty() : Optional.of(IpPreference.prefer(IpProtocol.parse(prefer)));
  }

  /** Whether any conversation option was given: then {@code tcp} talks instead of only connecting. */
  boolean present() {
    return !send.isEmpty() || !sendSecret.isEmpty() || !expect.isEmpty() || !startTls.isEmpty() || tls
        || serverName != null || cacert != null || insecure;
  }

  /**
   * {@code request} with the options; the steps in the order {@code args} (the command line as typed) gives them,
   * which picocli's per-option lists do not keep.
   */
  TcpConversationRequest apply(TcpConversationRequest request, List<String> args) {
    TcpConversationRequest r = request;
    if (tls) {
      r = r.tls();
    }
    if (serverName != null) {
      r = r.serverName(serverName);
    }
    if (cacert != null) {
      r = r.caFile(cacert);
    }
    if (insecure) {
      r = r.insecure();
    }
    if (source != null) {
      r = r.sourceAddress(HttpRequestOptions.sourceAddress("--source", source));
    }
    if (prefer != null) {
      r = r.ipPreference(IpPreference.prefer(IpProtocol.parse(prefer)));
    }
    for (UnaryOperator<TcpConversationRequest> step : steps(args)) {
      r = step.apply(r);
    }
    return r;
  }

  private static List<UnaryOperator<TcpConversationRequest>> steps(List<String> args) {
    List<UnaryOperator<TcpConversationRequest>> steps = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      boolean inline = a.contains("=");
      if (name.equals("--starttls")) {
        steps.add(TcpConversationRequest::startTls);
        continue;
      }
      if (!name.equals("--send") && !name.equals("--send-secret") && !name.equals("--expect")) {
        continue;
      }
      String value = inline ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : "";
      if (name.equals("--send")) {
        steps.add(r -> r.send(unescape(value)));
      } else if (name.equals("--send-secret")) {
        steps.add(r -> r.sendSecret(unescape(value)));
      } else {
        steps.add(r -> r.expect(value));
      }
    }
    return steps;
  }

  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case '\\' -> out.append('\\');
        default -> out.append('\\').append(next);
      }
    }
    return out.toString();
  }
}
