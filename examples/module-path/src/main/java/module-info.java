/** A consumer of netprobe on the module path: requires only netprobe's API module. */
module io.netprobe.examples.modulepath {
  requires transitive io.netprobe.core;

  exports io.netprobe.examples.modulepath;
}
