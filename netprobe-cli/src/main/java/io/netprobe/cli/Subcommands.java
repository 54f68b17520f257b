package io.netprobe.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The subcommands of {@code netprobe}, in help order. Building picocli's model of a command reflects over its
 * annotations, and that was most of the start-up time, so {@link #register} builds only the subcommand the arguments
 * name; help, unknown names and everything else get the whole tree. Stateless; thread-safe.
 */
final class Subcommands {
  private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("ping", PingCommand::new);
    ALL.put("traceroute", TracerouteCommand::new);
    ALL.put("mtr", MtrCommand::new);
    ALL.put("head", HeadCommand::new);
    ALL.put("dig", DigCommand::new);
    ALL.put("delv", DelvCommand::new);
    ALL.put("ss", SsCommand::new);
    ALL.put("tcp", TcpCommand::new);
    ALL.put("grpc", GrpcCommand::new);
    ALL.put("diagnose", DiagnoseCommand::new);
    ALL.put("demo", DemoCommand::new);
  }

  private Subcommands() {
  }

  /** The names, in help order. */
  static Iterable<String> names() {
    return ALL.keySet();
  }

  /** Adds every subcommand to {@code root}. */
  static void registerAll(CommandLine root) {
    ALL.forEach((name, factory) -> root.addSubcommand(name, factory.get()));
  }

  /** Adds only the subcommand {@code args} start with, or every one when they start with anything else. */
  static void register(CommandLine root, String[] args) {
    Supplier<Object> named = args.length > 0 ? ALL.get(args[0]) : null;
    if (named == null) {
      registerAll(root);
    } else {
      root.addSubcommand(args[0], named.get());
    }
  }
}
