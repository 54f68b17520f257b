package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import javax.annotation.Nullable;

/** Neither a datagram nor a raw ICMP socket could be opened; carries both errnos for the diagnosis. */
final class IcmpDeniedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean v6;
  private final int datagramErrno;
  private final int rawErrno;
  private transient volatile @Nullable String diagnosis;

  IcmpDeniedException(boolean v6, int datagramErrno, int rawErrno) {
    super("no ICMP" + (v6 ? "v6" : "") + " socket: datagram " + LibC.describe(datagramErrno) + ", raw "
        + LibC.describe(rawErrno));
    this.v6 = v6;
    this.datagramErrno = datagramErrno;
    this.rawErrno = rawErrno;
  }

  boolean v6() {
    return v6;
  }

  /** Whether both failures say "not allowed" (rather than e.g. "IPv6 is not supported here"). */
  boolean isPermission() {
    return PermissionDiagnosis.isDenial(datagramErrno) || PermissionDiagnosis.isDenial(rawErrno);
  }

  /**
   * The explanation with the fix, read from /proc by the first caller (the reactor that was refused, which has the
   * prober's credentials and namespace) and kept: a refusal shared by many probes is diagnosed once.
   */
  String diagnosis() {
    String d = diagnosis;
    if (d == null) {
      d = PermissionDiagnosis.current(v6, datagramErrno, rawErrno);
      diagnosis = d;
    }
    return d;
  }
}
