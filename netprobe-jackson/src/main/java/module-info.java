/** JSON for netprobe results through Jackson. */
module io.netprobe.jackson {
  requires transitive io.netprobe.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports io.netprobe.jackson;
}
