/** Fake backends for every netprobe capability, the contract test kit every real backend passes, and a local site. */
module io.netprobe.testing {
  requires transitive io.netprobe.core;
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;
  requires jdk.httpserver;
  requires okhttp3.tls;
  requires static io.netty.buffer;
  requires static io.netty.codec.classes.quic;
  requires static io.netty.codec.http3;
  requires static io.netty.common;
  requires static io.netty.handler;
  requires static io.netty.transport;

  exports io.netprobe.testing;
  exports io.netprobe.testing.contract;
  exports io.netprobe.testing.site;
}
