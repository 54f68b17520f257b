package io.netprobe.http.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpConnectionOptions;
import io.netprobe.http.TlsVersion;
import io.netprobe.spi.HttpExchangeRequest;
import javax.annotation.Nullable;

/**
 * Whether an HTTP/3 exchange can be made: an https URL, TLS 1.3 allowed, no proxy, Netty's HTTP/3 codec on the class
 * path (an optional dependency of netprobe-http) and its native QUIC library (quiche and BoringSSL) loadable on
 * this platform. Refers to no Netty type outside a guarded call, so it loads without Netty. The platform check runs
 * once; its answer is cached. Thread-safe.
 */
final class Http3Support {
  private Http3Support() {}

  private static volatile @Nullable String reason;

  /** Why {@code request} cannot be made over HTTP/3 at all, or null. */
  static @Nullable ProbeFailure refusal(HttpExchangeRequest request) {
    if (!request.isHttps()) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot request " + request.url() + " over HTTP/3: "
          + "HTTP/3 runs on QUIC, which is always encrypted, so only https URLs can be requested");
    }
    HttpConnectionOptions connection = request.options().options().connection();
    if (connection.maxTlsVersion().isPresent() && connection.maxTlsVersion().get() != TlsVersion.TLS_1_3) {
      return ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "cannot request " + request.url() + " over HTTP/3 with TLS "
          + "at most " + connection.maxTlsVersion().get() + ": QUIC needs TLS 1.3");
    }
    if (request.options().options().proxy().isPresent()) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot request " + request.url() + " over HTTP/3 through "
          + "an HTTP proxy: a proxy's CONNECT tunnel is TCP, HTTP/3 needs UDP");
    }
    String unavailable = Http3Support.unavailableReason();
    if (!unavailable.isEmpty()) {
      return ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "cannot request " + request.url() + " over HTTP/3: "
          + unavailable);
    }
    return null;
  }


  /**
   * Makes this JVM's HTTP/3 exchanges fail as where the native library cannot load, with {@code why}; null asks the
   * platform again. Tests only: the platform where it truly cannot load is not at hand.
   */
  static void pretendUnavailable(@Nullable String why) {
    reason = why;
  }

  /** Why HTTP/3 cannot be used here, or "" when it can. */
  static String unavailableReason() {
    String r = reason;
    if (r == null) {
      r = check();
      reason = r;
    }
    return r;
  }

  private static String check() {
    ClassLoader loader = Http3Support.class.getClassLoader();
    try {
      Class.forName("io.netty.handler.codec.http3.Http3", false, loader);
      Class.forName("io.netty.channel.nio.NioIoHandler", false, loader);
    } catch (ClassNotFoundException | LinkageError missing) {
      return "Netty's HTTP/3 codec is not on the class path (add io.netty:netty-codec-http3 and "
          + "io.netty:netty-codec-native-quic for this platform)";
    }
    try {
      if (io.netty.handler.codec.quic.Quic.isAvailable()) {
        return "";
      }
      Throwable cause = io.netty.handler.codec.quic.Quic.unavailabilityCause();
      return "Netty's native QUIC library does not load on " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch") + ": " + FailureClassifier.printable(String.valueOf(cause));
    } catch (LinkageError e) {
      return "Netty's native QUIC library does not load: " + FailureClassifier.printable(String.valueOf(e));
    }
  }
}
