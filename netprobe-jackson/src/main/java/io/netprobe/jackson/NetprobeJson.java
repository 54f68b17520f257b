package io.netprobe.jackson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A Jackson {@link ObjectMapper} set up for netprobe results: records as objects, absent {@code Optional}s left out,
 * {@code Duration} as decimal seconds ({@code 0.028}), {@code Instant} as ISO-8601 text, addresses as text, secret
 * header values redacted.
 *
 * <pre>{@code
 * String json = NetprobeJson.toJson(Probes.dns("quizai.juwonpark.me").run());
 * }</pre>
 *
 * <p>Thread-safe; the mapper is shared and must not be reconfigured.
 */
public final class NetprobeJson {
  private static final ObjectMapper MAPPER = create();

  private NetprobeJson() {}

  /** A new mapper with netprobe's settings, for callers who want to change it. */
  public static JsonMapper create() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(new NetprobeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
            JsonInclude.Include.NON_ABSENT))
        .build();
  }

  /** The shared mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Any netprobe value as compact JSON. */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Any netprobe value as indented JSON. */
  public static String toPrettyJson(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }
}
