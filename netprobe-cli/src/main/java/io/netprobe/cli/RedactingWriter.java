package io.netprobe.cli;

import io.netprobe.core.Redaction;
import java.io.IOException;
import java.io.Writer;

/**
 * A writer that passes every line through {@link Redaction#text} before it reaches the terminal: whatever a command
 * prints (results, errors, picocli's messages quoting an argument) keeps no user info or secret query parameter.
 * Lines are held until their newline or a flush. Not thread-safe beyond what its {@code PrintWriter} gives.
 */
final class RedactingWriter extends Writer {
  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  RedactingWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      line.append(buf[i]);
      if (buf[i] == '\n') {
        emit();
      }
    }
  }

  private void emit() throws IOException {
    if (line.length() > 0) {
      out.write(Redaction.text(line.toString()));
      line.setLength(0);
    }
  }

  @Override
  public void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }
}
