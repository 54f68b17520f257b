/** netprobe's DNS backend, built on dnsjava. Exports nothing: use it through {@code io.netprobe.Probes}. */
module io.netprobe.dns {
  requires io.netprobe.core;
  requires org.dnsjava;
  requires java.net.http;

  provides io.netprobe.spi.DnsBackend with io.netprobe.dns.internal.DnsjavaBackend;
}
