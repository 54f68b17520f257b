package io.netprobe.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Redaction;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.dns.RecordType;
import io.netprobe.http.HttpHeaders;
import io.netprobe.icmp.MtrListener;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.TracerouteListener;
import io.netprobe.internal.net.HostParser;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Jackson serializers for the netprobe types that are not plain records: addresses as text (never a reverse-looked-up
 * name), header lists, request headers, URLs and every string redacted by {@link Redaction} (user info, secret query
 * parameters, secret header values), failures as kind + message + cause text, hosts and record types as their
 * text. Register it on your own {@code ObjectMapper}, or use {@link NetprobeJson#mapper()}.
 *
 * <p>Thread-safe once registered.
 */
public final class NetprobeModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public NetprobeModule() {
    super("netprobe");
    addSerializer(InetAddress.class, new InetAddressSerializer());
    addSerializer(InetSocketAddress.class, new InetSocketAddressSerializer());
    addSerializer(HttpHeaders.class, new HttpHeadersSerializer());
    addSerializer(ProbeFailure.class, new ProbeFailureSerializer());
    addSerializer(Host.class, new ToStringSerializer<>(Host.class, Host::ascii));
    addSerializer(RecordType.class, new ToStringSerializer<>(RecordType.class, RecordType::mnemonic));
    addSerializer(URI.class, new ToStringSerializer<>(URI.class, u -> Redaction.url(u.toString())));
    addSerializer(String.class, new ToStringSerializer<>(String.class, Redaction::text));
    addSerializer(io.netprobe.http.HttpRequestBody.class, new RequestBodySerializer());
    addSerializer(io.netprobe.core.Secret.class, new ToStringSerializer<>(io.netprobe.core.Secret.class,
        secret -> Redaction.MARK));
    setMixInAnnotation(HttpProbeSpec.class, HttpProbeSpecMixin.class);
    setMixInAnnotation(TracerouteListener.class, IgnoredType.class);
    setMixInAnnotation(PingListener.class, IgnoredType.class);
    setMixInAnnotation(MtrListener.class, IgnoredType.class);
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreType
  abstract static class IgnoredType {}

  abstract static class HttpProbeSpecMixin {
    @JsonSerialize(using = RequestHeadersSerializer.class)
    abstract List<Map.Entry<String, String>> requestHeaders();
  }

  /** Request headers as Jackson writes map entries ({@code {"Authorization": "Bearer <redacted>"}}), redacted. */
  static final class RequestHeadersSerializer extends JsonSerializer<List<Map.Entry<String, String>>> {
    @Override
    public void serialize(List<Map.Entry<String, String>> value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeStartArray();
      for (Map.Entry<String, String> e : value) {
        gen.writeStartObject();
        gen.writeStringField(e.getKey(), Redaction.headerValue(e.getKey(), e.getValue()));
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
  }

  /** A request body as its size and type: its content may hold credentials (a login form). */
  static final class RequestBodySerializer extends JsonSerializer<io.netprobe.http.HttpRequestBody> {
    @Override
    public void serialize(io.netprobe.http.HttpRequestBody value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeStartObject();
      gen.writeNumberField("bytes", value.content().length);
      gen.writeStringField("contentType", value.contentType());
      gen.writeEndObject();
    }
  }

  static final class InetAddressSerializer extends JsonSerializer<InetAddress> {
    @Override
    public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(HostParser.text(value));
    }

    @Override
    public Class<InetAddress> handledType() {
      return InetAddress.class;
    }
  }

  static final class InetSocketAddressSerializer extends JsonSerializer<InetSocketAddress> {
    @Override
    public void serialize(InetSocketAddress value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      String host = value.getAddress() == null ? value.getHostString() : HostParser.text(value.getAddress());
      boolean v6 = value.getAddress() instanceof Inet6Address || host.contains(":");
      gen.writeString((v6 ? "[" + host + "]" : host) + ":" + value.getPort());
    }

    @Override
    public Class<InetSocketAddress> handledType() {
      return InetSocketAddress.class;
    }
  }

  static final class HttpHeadersSerializer extends JsonSerializer<HttpHeaders> {
    @Override
    public void serialize(HttpHeaders value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeStartArray();
      for (Map.Entry<String, String> e : value.entries()) {
        gen.writeStartObject();
        gen.writeStringField("name", e.getKey());
        gen.writeStringField("value", HttpHeaders.redactedValue(e.getKey(), e.getValue()));
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }

    @Override
    public Class<HttpHeaders> handledType() {
      return HttpHeaders.class;
    }
  }

  static final class ProbeFailureSerializer extends JsonSerializer<ProbeFailure> {
    @Override
    public void serialize(ProbeFailure value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeStartObject();
      gen.writeStringField("kind", value.kind().name());
      gen.writeStringField("message", value.message());
      if (value.cause().isPresent()) {
        gen.writeStringField("cause", Redaction.text(value.cause().get().toString()));
      }
      gen.writeEndObject();
    }

    @Override
    public Class<ProbeFailure> handledType() {
      return ProbeFailure.class;
    }
  }

  static final class ToStringSerializer<T> extends JsonSerializer<T> {
    private final Class<T> type;
    private final java.util.function.Function<T, String> text;

    ToStringSerializer(Class<T> type, java.util.function.Function<T, String> text) {
      this.type = type;
      this.text = text;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(text.apply(value));
    }

    @Override
    public Class<T> handledType() {
      return type;
    }
  }
}
