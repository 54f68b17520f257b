package io.netprobe.sockets;

import io.netprobe.core.Redaction;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a TCP conversation, with blackbox_exporter's {@code query_response} meaning.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ConversationStep permits ConversationStep.Expect, ConversationStep.ExpectBytes,
    ConversationStep.Send, ConversationStep.SendSecret, ConversationStep.StartTls {

  /** The step as a line of a transcript: {@code expect /^220 /}, {@code send "EHLO probe"}, {@code starttls}. */
  String describe();

  /**
   * Reads lines ({@code \n}-terminated, a trailing {@code \r} dropped, at most 64 KiB each) until one matches
   * {@code regex} (searched, unanchored); its groups are then available to later sends as {@code ${1}} or
   * {@code ${name}}. The connection closing first fails the step.
   */
  record Expect(Pattern regex) implements ConversationStep {
    public Expect {
      Objects.requireNonNull(regex, "regex");
    }

    @Override
    public String describe() {
      return "expect /" + io.netprobe.internal.Validate.shownPattern(regex.pattern()) + "/";
    }
  }

  /**
   * Reads exactly as many bytes as {@code bytes} has, in one go, and compares them (blackbox's
   * {@code expect_bytes}): for binary protocols without lines. Fewer bytes before the connection closes, or other
   * bytes, fail the step.
   */
  record ExpectBytes(byte[] bytes) implements ConversationStep {
    /** @throws IllegalArgumentException when {@code bytes} is empty or longer than 64 KiB */
    public ExpectBytes {
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.length == 0 || bytes.length > 65536) {
        throw new IllegalArgumentException("expected bytes must be 1 to 65536 bytes, were " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ExpectBytes e && java.util.Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "ExpectBytes[" + describe() + "]";
    }

    @Override
    public String describe() {
      return "expect bytes " + io.netprobe.internal.ByteText.shown(bytes);
    }
  }

  /**
   * Sends {@code template} followed by {@code \n}, after replacing {@code ${1}} or {@code ${name}} with the groups of
   * the last matched expect.
   */
  record Send(String template) implements ConversationStep {
    public Send {
      Objects.requireNonNull(template, "template");
    }

    @Override
    public String describe() {
      return "send \"" + Redaction.display(template) + "\"";
    }
  }

  /** Like {@link Send}, for a password or an {@code AUTH} line: never shown in results, messages or JSON. */
  record SendSecret(io.netprobe.core.Secret template) implements ConversationStep {
    public SendSecret {
      Objects.requireNonNull(template, "template");
    }

    @Override
    public String describe() {
      return "send " + Redaction.MARK;
    }
  }

  /** Upgrades the connection to TLS here (SMTP, IMAP, POP3, LDAP, XMPP, PostgreSQL's STARTTLS). */
  record StartTls() implements ConversationStep {
    @Override
    public String describe() {
      return "starttls";
    }
  }
}
