package io.netprobe.internal;

import io.netprobe.core.Redaction;
import java.lang.reflect.RecordComponent;

/**
 * The text a record's generated {@code toString()} would give, redacted by {@link Redaction#text}: for records that
 * hold URLs or messages, which may carry user info or tokens. Stateless; thread-safe.
 */
public final class RecordText {
  private RecordText() {}

  /** {@code Name[a=…, b=…]} with every URL's secrets redacted. */
  public static String redacted(Record record) {
    StringBuilder sb = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object value;
      try {
        value = components[i].getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        value = "?";
      }
      sb.append(components[i].getName()).append('=').append(value);
    }
    return Redaction.text(sb.append(']').toString());
  }
}
