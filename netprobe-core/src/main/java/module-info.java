/**
 * netprobe's API: the {@link io.netprobe.Probes} facade, the request and result types of every probe, the
 * failure model, and the backend SPI that the other netprobe modules implement.
 */
module io.netprobe.core {

  exports io.netprobe;
  exports io.netprobe.core;
  exports io.netprobe.dns;
  exports io.netprobe.http;
  exports io.netprobe.sockets;
  exports io.netprobe.icmp;
  exports io.netprobe.diagnose;
  exports io.netprobe.grpc;
  exports io.netprobe.spi;
  exports io.netprobe.edge;
  exports io.netprobe.internal.net to
      io.netprobe.dns,
      io.netprobe.http,
      io.netprobe.sockets,
      io.netprobe.jackson,
      io.netprobe.diagnose.engine;
  // backends run on the client's engine, and their synchronous methods on an engine of their own
  exports io.netprobe.internal.engine to
      io.netprobe.dns,
      io.netprobe.http,
      io.netprobe.sockets,
      io.netprobe.testing;
  // the exporter shares the system lookup (one call per name, threads that grow while all are busy)
  exports io.netprobe.internal to
      io.netprobe.dns,
      io.netprobe.http,
      io.netprobe.sockets,
      io.netprobe.jackson,
      io.netprobe.diagnose.engine,
      io.netprobe.exporter;

  uses io.netprobe.spi.DnsBackend;
  uses io.netprobe.spi.HttpBackend;
  uses io.netprobe.spi.SocketTableBackend;
  uses io.netprobe.spi.TcpConnectBackend;
  uses io.netprobe.spi.PingBackend;
  uses io.netprobe.spi.TracerouteBackend;
  uses io.netprobe.spi.DiagnosisEngine;
  uses io.netprobe.spi.TcpConversationBackend;
  uses io.netprobe.spi.GrpcHealthBackend;
  uses io.netprobe.spi.JsonPathEvaluator;
}
