/**
 * netprobe's HTTP backend, built on OkHttp, with Conscrypt or the JDK for TLS. Exports nothing: use it through
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

  provides io.netprobe.spi.HttpBackend with io.netprobe.http.internal.OkHttpBackend;
  provides io.netprobe.spi.JsonPathEvaluator with io.netprobe.http.internal.JaywayJsonPath;
}
