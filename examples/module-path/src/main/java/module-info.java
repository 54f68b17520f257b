/** A consumer of netprobe on the module path: the quick start's code as a named module requiring only the API. */
module io.netprobe.examples.modulepath {
  requires transitive io.netprobe.core;

  exports io.netprobe.examples.quickstart;
}
