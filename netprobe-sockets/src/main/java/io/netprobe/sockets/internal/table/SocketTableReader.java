package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.ListeningSocketsSpec;
import java.io.IOException;
import java.util.List;

/** Reads the kernel's listening sockets for the query's protocols, families and port. Thread-safe. */
interface SocketTableReader {

  /** Where the table comes from, as {@link io.netprobe.sockets.ListeningSocketsResult#source()} names it. */
  String source();

  /**
   * Appends the listening sockets of the query's protocols and families (and port, when it has one) to
   * {@code into}.
   *
   * @throws IOException when the source cannot be read; the message says why
   */
  void read(ListeningSocketsSpec query, Deadline deadline, List<RawSocket> into)
      throws IOException, DeadlinePassedException;
}
