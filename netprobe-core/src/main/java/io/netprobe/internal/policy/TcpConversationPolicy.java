package io.netprobe.internal.policy;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Redaction;
import io.netprobe.http.TlsInfo;
import io.netprobe.internal.ConnectFailures;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.ConversationStep;
import io.netprobe.sockets.TcpConversationResult;
import io.netprobe.sockets.TcpConversationSpec;
import io.netprobe.spi.TcpConversationBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import javax.annotation.Nullable;

/**
 * blackbox_exporter's {@code query_response} on any {@link TcpConversationBackend}: resolve (with the IP preference),
 * connect, TLS on connect when asked, then each step in order: an expect reads lines until one matches, a send
 * expands the last match's groups and writes the line, a starttls upgrades the connection. The first step that fails
 * ends the conversation; the result says which step and what came back. One deadline for everything. Stateless;
 * thread-safe.
 */
public final class TcpConversationPolicy {
  /** Longest line an expect reads (Go's bufio.Scanner default, as blackbox). */
  static final int MAX_LINE = 64 * 1024;
  /** How many of the last lines a failed expect quotes. */
  private static final int QUOTED_LINES = 3;

  private TcpConversationPolicy() {}

  /** Runs the conversation of {@code spec} with {@code backend}, resolving with {@code resolver}. */
  public static TcpConversationResult run(TcpConversationBackend backend, TcpConversationSpec spec, Deadline deadline,
      PreferredAddress.Resolver resolver) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    SystemResolver.Resolution resolution = spec.ipPreference().isPresent()
        ? PreferredAddress.choose(spec.host(), spec.ipPreference().get(), deadline, resolver)
        : resolver.resolve(spec.host(), deadline);
    if (!resolution.ok()) {
      return new TcpConversationResult(spec, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
          backend.id(), started, since(startNanos), Optional.of(resolution.failure()));
    }
    Conversation c = new Conversation(backend, spec, deadline);
    ProbeFailure failure = c.run(resolution.addresses());
    return new TcpConversationResult(spec, Optional.ofNullable(c.address), Optional.ofNullable(c.local), c.records,
        Optional.ofNullable(c.tls), backend.id(), started, since(startNanos), Optional.ofNullable(failure));
  }

  /** The state of one conversation. */
  private static final class Conversation {
    final TcpConversationBackend backend;
    final TcpConversationSpec spec;
    final Deadline deadline;
    final List<ConversationRecord> records = new ArrayList<>();
    @Nullable InetAddress address;
    @Nullable InetSocketAddress local;
    @Nullable TlsInfo tls;
    @Nullable Matcher lastMatch;

    Conversation(TcpConversationBackend backend, TcpConversationSpec spec, Deadline deadline) {
      this.backend = backend;
      this.spec = spec;
      this.deadline = deadline;
    }

    @Nullable ProbeFailure run(List<InetAddress> addresses) {
      TcpConversationBackend.Connection connection = null;
      ProbeFailure failure = null;
      for (InetAddress a : addresses) {
        address = a;
        InetSocketAddress target = new InetSocketAddress(a, spec.port());
        try {
          connection = backend.connect(target, spec.sourceAddress(), deadline);
          break;
        } catch (IOException e) {
          failure = deadline.isExpired() ? ProbeFailure.of(FailureKind.TIMEOUT, "no answer from "
              + ConnectFailures.describe(target) + " before the deadline", e) : ConnectFailures.classify(target, e);
        }
      }
      if (connection == null) {
        return failure != null ? failure : ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "no address to connect to for "
            + spec.host().ascii());
      }
      try (TcpConversationBackend.Connection open = connection) {
        local = open.local();
        if (spec.tls()) {
          tls = open.startTls(spec.tlsName(), spec.insecure(), spec.caFile(), spec.tlsOptions(), deadline);
        }
        for (int i = 0; i < spec.steps().size(); i++) {
          ProbeFailure stepFailure = step(open, i + 1, spec.steps().get(i));
          if (stepFailure != null) {
            return stepFailure;
          }
        }
        return null;
      } catch (IOException e) {
        return ioFailure(e);
      }
    }

    private @Nullable ProbeFailure step(TcpConversationBackend.Connection open, int index, ConversationStep step)
        throws IOException {
      if (step instanceof ConversationStep.Expect expect) {
        return expect(open, index, expect);
      } else if (step instanceof ConversationStep.ExpectBytes expect) {
        return expectBytes(open, index, expect);
      } else if (step instanceof ConversationStep.Send send) {
        String line = Captures.expand(send.template(), lastMatch);
        records.add(new ConversationRecord(index, step, true, quote(line)));
        open.write((line + "\n").getBytes(StandardCharsets.UTF_8), deadline);
        return null;
      } else if (step instanceof ConversationStep.SendSecret send) {
        String line = Captures.expand(send.template().reveal(), lastMatch);
        records.add(new ConversationRecord(index, step, true, Redaction.MARK));
        open.write((line + "\n").getBytes(StandardCharsets.UTF_8), deadline);
        return null;
      }
      try {
        tls = open.startTls(spec.tlsName(), spec.insecure(), spec.caFile(), spec.tlsOptions(), deadline);
      } catch (IOException e) {
        records.add(new ConversationRecord(index, step, false, Redaction.display(String.valueOf(e.getMessage()))));
        throw e;
      }
      records.add(new ConversationRecord(index, step, true, tls.protocol() + " " + tls.cipherSuite()));
      return null;
    }

    private @Nullable ProbeFailure expect(TcpConversationBackend.Connection open, int index,
        ConversationStep.Expect expect) throws IOException {
      Deque<String> seen = new ArrayDeque<>();
      while (true) {
        String line;
        try {
          line = open.readLine(MAX_LINE, deadline);
        } catch (SocketTimeoutException e) {
          String got = seen.isEmpty() ? "nothing" : String.join(" | ", seen);
          records.add(new ConversationRecord(index, expect, false, "no match before the deadline; got " + got));
          return ProbeFailure.of(FailureKind.TIMEOUT, "step " + index + " " + expect.describe()
              + ": no matching line before the deadline; got " + got, e);
        }
        if (line == null) {
          String got = seen.isEmpty() ? "nothing" : String.join(" | ", seen);
          records.add(new ConversationRecord(index, expect, false, "connection closed; got " + got));
          return ProbeFailure.of(FailureKind.ASSERTION_FAILED, "step " + index + " " + expect.describe()
              + " failed: the connection closed without a matching line; got " + got);
        }
        Matcher m = expect.regex().matcher(line);
        if (m.find()) {
          lastMatch = m;
          records.add(new ConversationRecord(index, expect, true, quote(line), Captures.groups(m,
              expect.regex())));
          return null;
        }
        seen.addLast(quote(line));
        if (seen.size() > QUOTED_LINES) {
          seen.removeFirst();
        }
      }
    }

    private @Nullable ProbeFailure expectBytes(TcpConversationBackend.Connection open, int index,
        ConversationStep.ExpectBytes expect) throws IOException {
      byte[] want = expect.bytes();
      byte[] got;
      try {
        got = open.readBytes(want.length, deadline);
      } catch (SocketTimeoutException e) {
        records.add(new ConversationRecord(index, expect, false, "not all bytes before the deadline"));
        return ProbeFailure.of(FailureKind.TIMEOUT, "step " + index + " " + expect.describe()
            + ": not all bytes came before the deadline", e);
      }
      if (java.util.Arrays.equals(got, want)) {
        records.add(new ConversationRecord(index, expect, true, io.netprobe.internal.ByteText.shown(got)));
        return null;
      }
      String observed = (got.length < want.length ? "connection closed after " + got.length + " of " + want.length
          + " bytes: " : "other bytes: ") + io.netprobe.internal.ByteText.shown(got);
      records.add(new ConversationRecord(index, expect, false, observed));
      return ProbeFailure.of(FailureKind.ASSERTION_FAILED, "step " + index + " " + expect.describe() + " failed: "
          + observed);
    }

    private ProbeFailure ioFailure(IOException e) {
      String where = address == null ? spec.host().ascii()
          : ConnectFailures.describe(new InetSocketAddress(address, spec.port()));
      if (e instanceof SocketTimeoutException || deadline.isExpired()) {
        return ProbeFailure.of(FailureKind.TIMEOUT, "the conversation with " + where + " outlived the deadline", e);
      }
      if (e instanceof javax.net.ssl.SSLException) {
        return TlsFailures.classify(where, e);
      }
      return ConnectFailures.classify(new InetSocketAddress(address, spec.port()), e);
    }
  }

  /** A peer's line for a message: escaped, cut after 200 characters, quoted. */
  static String quote(String line) {
    String cut = line.length() > 200 ? line.substring(0, 200) + "…" : line;
    return "\"" + Redaction.display(cut) + "\"";
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
