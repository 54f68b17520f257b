/** Fake backends for every netprobe capability, the contract test kit every real backend passes, and a local site. */
module io.netprobe.testing {
  requires transitive io.netprobe.core;
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;
  requires jdk.httpserver;
  requires okhttp3.tls;
  requires io.netty.buffer;
  requires io.netty.codec.classes.quic;
  requires io.netty.codec.http3;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;

  exports io.netprobe.testing;
  exports io.netprobe.testing.contract;
  exports io.netprobe.testing.site;
}
