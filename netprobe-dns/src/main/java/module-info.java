/** netprobe's DNS backend, built on dnsjava. Exports nothing: use it through {@code io.netprobe.Probes}. */
module io.netprobe.dns {
  requires io.netprobe.core;
  requires org.dnsjava;

  provides io.netprobe.spi.DnsBackend with io.netprobe.dns.internal.DnsjavaBackend;
}
