package io.netprobe.cli;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.jackson.NetprobeJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The child JVM of {@link IpPreferenceNamespaceIT}, started with {@code ip netns exec}: so its system resolver reads
 * the namespace's resolv.conf. Runs several command lines in one JVM (startup dominates otherwise), separated by
 * {@value #NEXT}: a netprobe command line as the CLI's main runs it, or {@code api-tcp-only ip4|ip6 HOST PORT} (a
 * strict preference, which the tcp command has no flag for), or {@code api-grpc-serve PORT} (starts grpc-java health
 * servers on 127.0.0.1:PORT and [::1]:PORT for the command lines after it). Prints each one's exit code, then its
 * output.
 */
final class InNamespaceProbes {
  static final String NEXT = "--next";
  static final String MARK = "### exit=";

  private InNamespaceProbes() {}

  public static void main(String[] args) {
    ProbeClient client = Probes.defaultClient();
    List<String> command = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(NEXT)) {
        run(client, command);
        command.clear();
      } else {
        command.add(arg);
      }
    }
    run(client, command);
    System.out.flush();
    System.exit(0);
  }

  private static void run(ProbeClient client, List<String> command) {
    if (command.get(0).equals("api-grpc-serve")) {
      int port = Integer.parseInt(command.get(1));
      try {
        for (String address : List.of("127.0.0.1", "::1")) {
          io.grpc.protobuf.services.HealthStatusManager health = new io.grpc.protobuf.services.HealthStatusManager();
          io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(new java.net.InetSocketAddress(
              java.net.InetAddress.getByName(address), port)).addService(health.getHealthService()).build().start();
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      System.out.println(MARK + 0 + " " + command);
      return;
    }
    if (command.get(0).equals("api-tcp-only")) {
      IpPreference only = IpPreference.only(IpProtocol.parse(command.get(1)));
      var result = client.tcp(command.get(2), Integer.parseInt(command.get(3))).ipPreference(only).run();
      System.out.println(MARK + (result.failure().isPresent() ? 1 : 0));
      System.out.println(NetprobeJson.toPrettyJson(result));
      return;
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Netprobe.commandLine(client, Locale.ENGLISH, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(command.toArray(String[]::new));
    System.out.println(MARK + exit + " " + Arrays.toString(command.toArray()));
    System.out.println(out);
    System.out.println(err);
  }
}
