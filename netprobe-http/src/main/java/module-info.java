/**
 * netprobe's HTTP backend, built on OkHttp, with Conscrypt or the JDK for TLS, and on Netty's QUIC codec for HTTP/3. Exports nothing: use it through
 * {@code io.netprobe.Probes}.
 */
module io.netprobe.http {
  requires io.netprobe.core;
  requires java.management;
  requires okhttp3;
  requires json.path;
  // org.brotli:dec 0.1.2 has no module name of its own: its automatic one comes from the jar's name
  requires dec;
  requires org.conscrypt;
  // HTTP/3 probes: optional, an HTTP/3 probe fails with UNSUPPORTED_PLATFORM without them
  requires static io.netty.buffer;
  requires static io.netty.codec;
  requires static io.netty.codec.classes.quic;
  requires static io.netty.codec.http3;
  requires static io.netty.common;
  requires static io.netty.transport;

  provides io.netprobe.spi.HttpBackend with io.netprobe.http.internal.OkHttpBackend;
  provides io.netprobe.spi.JsonPathEvaluator with io.netprobe.http.internal.JaywayJsonPath;
}
