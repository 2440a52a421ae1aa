package org.lossforge.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.lossforge.core.study.StudyRunner;

/** A one-line progress bar on stderr with an ETA; redrawn in place on a terminal, one line per step otherwise. */
class ProgressBar implements StudyRunner.Progress {
    private final PrintStream err;
    private final int total;
    private final boolean tty = System.console() != null;
    private final long t0 = System.nanoTime();

    ProgressBar(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public void started(int index, int total, String label) {
        if (tty) {
            draw(index, label);
        }
    }

    @Override
    public void finished(int index, int total, String label, long millis) {
        if (tty) {
            draw(index + 1, label);
        } else {
            err.println(line(index + 1, label + String.format(Locale.ROOT, " (%.1fs)", millis / 1000.0)));
        }
    }

    private void draw(int done, String label) {
        err.print("\r" + line(done, label) + "\033[K");
        err.flush();
    }

    private String line(int done, String label) {
        int width = 30, fill = total == 0 ? width : done * width / total;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        String eta = done == 0 ? "?" : fmt(elapsed / done * (total - done));
        return "[" + "#".repeat(fill) + ".".repeat(width - fill) + "] " + done + "/" + total + " " + label
                + "  elapsed " + fmt(elapsed) + " eta " + eta;
    }

    private static String fmt(double s) {
        return s < 60 ? String.format(Locale.ROOT, "%.0fs", s) : String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }

    void done() {
        if (tty) {
            err.println();
        }
    }
}
