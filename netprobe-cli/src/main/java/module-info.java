/**
 * The netprobe command line: {@code ping}, {@code traceroute}, {@code head}, {@code dig}, {@code ss}, {@code tcp},
 * {@code diagnose} and the offline {@code demo}. An application: it exports nothing. The backends are found at run
 * time through {@link java.util.ServiceLoader}.
 */
module io.netprobe.cli {
  requires io.netprobe.core;
  requires io.netprobe.jackson;
  requires io.netprobe.diagnose.engine;
  requires io.netprobe.text;
  requires io.netprobe.testing;
  requires info.picocli;

  // picocli reads the commands' annotated fields and builds their instances reflectively
  opens io.netprobe.cli to info.picocli;
}
