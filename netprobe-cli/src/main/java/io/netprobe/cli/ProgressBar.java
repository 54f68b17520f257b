package io.netprobe.cli;

import java.io.PrintWriter;

/** A one-line progress bar on the error stream ({@code [######----] 40/100 3 open}). Thread-safe. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final int total;
  private final boolean visible;
  private int done;

  ProgressBar(PrintWriter err, int total, boolean visible) {
    this.err = err;
    this.total = total;
    this.visible = visible;
  }

  synchronized void advance(String status) {
    done++;
    // redraw about a hundred times per sweep, not once per port
    if (!visible || (done % Math.max(1, total / 100) != 0 && done != total)) {
      return;
    }
    draw(status);
  }

  /** Shows {@code done} of the total, for work that knows its position rather than counting steps. */
  synchronized void show(int done, String status) {
    this.done = Math.max(0, Math.min(total, done));
    if (visible) {
      draw(status);
    }
  }

  private void draw(String status) {
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    err.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + status);
    err.flush();
  }

  synchronized void finish() {
    if (visible) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      err.flush();
    }
  }
}
