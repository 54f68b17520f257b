/**
 * netprobe-exporter: a drop-in for Prometheus blackbox_exporter (its blackbox.yml, flags, endpoints and metrics),
 * plus netprobe's own probers and the reason a probe failed. An application with a small API:
 * {@link io.netprobe.exporter.Exporter} starts one in-process; {@link io.netprobe.exporter.ExporterMain} is the
 * command. The backends are found at run time through {@link java.util.ServiceLoader}.
 */
module io.netprobe.exporter {
  requires transitive io.netprobe.core;
  requires io.netprobe.text;
  requires org.snakeyaml.engine;
  requires cel;
  requires com.google.gson;
  requires com.google.protobuf;
  requires spring.security.crypto;
  requires java.management;
  requires java.naming;
  requires java.net.http;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;
  requires io.netty.transport.classes.epoll;
  requires jdk.unsupported;

  exports io.netprobe.exporter;
}
