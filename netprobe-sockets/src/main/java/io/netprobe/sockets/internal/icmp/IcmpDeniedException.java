package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;

/** Neither a datagram nor a raw ICMP socket could be opened; carries both errnos for the diagnosis. */
final class IcmpDeniedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean v6;
  private final int datagramErrno;
  private final int rawErrno;

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

  /** The explanation with the fix, read from /proc for the calling thread. */
  String diagnosis() {
    return PermissionDiagnosis.current(v6, datagramErrno, rawErrno);
  }
}
