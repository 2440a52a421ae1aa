package org.lossforge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress of a long command (done/total, rate, ETA) on stderr, in one of three modes ({@link Mode}): a bar redrawn in
 * place on a terminal, plain log lines otherwise (at most one every {@link #LINE_INTERVAL_NANOS}, plus the first and
 * the last), or nothing. The mode comes from {@code LOSSFORGE_PROGRESS} ({@code bar|lines|off}) when set, else from
 * whether there is a terminal ({@link Mode#detect}); the {@code ./lossforge} script sets the variable from whether
 * stderr is a terminal. The rate counts the steps done since the first report (a resumed run's kept steps do not
 * inflate it); ETA = steps left / rate. Design notes: {@code cli/DESIGN.md} "Progress".
 *
 * <p>Example lines: {@code study: 10/135 configurations (7.4%), 0.25/s, ETA 8m20s} (lines) and
 * {@code study [##............................] 10/135 configurations (7.4%) 0.25/s ETA 8m20s} (bar).
 */
public final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode {
        BAR, LINES, OFF;

        /** The environment variable that picks the mode: {@code bar}, {@code lines} or {@code off}. */
        public static final String ENV = "LOSSFORGE_PROGRESS";

        /**
         * {@code LOSSFORGE_PROGRESS} when set (bad values are refused with a clear error); otherwise {@link #BAR} when
         * there is a terminal ({@code terminal}, normally {@code System.console() != null}) and {@code TERM} is not
         * {@code dumb}, else {@link #LINES}.
         */
        public static Mode detect(Map<String, String> env, boolean terminal) {
            String v = env.get(ENV);
            if (v != null && !v.isBlank()) {
                return switch (v.strip().toLowerCase(Locale.ROOT)) {
                    case "bar" -> BAR;
                    case "lines" -> LINES;
                    case "off" -> OFF;
                    default -> throw new CliException(ENV + " must be bar, lines or off, got '" + v + "'");
                };
            }
            return terminal && !"dumb".equals(env.get("TERM")) ? BAR : LINES;
        }
    }

    /** Lines mode prints at most one line per this many nanoseconds (besides the first and the last). */
    static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream err;
    private final String task;
    private final String unit;
    private final Mode mode;
    private final LongSupplier clock;
    private final long t0;
    private final int maxWidth;
    private long total;
    private long done = -1;
    private long first = -1;
    private long lastLineAt;
    private long lastLineDone = -1;
    private String lastLineDetail;
    private boolean drawn;
    private boolean closed;

    /** A reporter in the mode of this process's environment and terminal, on the system clock. */
    public static ProgressReporter create(PrintStream err, String task, long total, String unit) {
        return new ProgressReporter(err, task, total, unit, Mode.detect(System.getenv(), System.console() != null),
                System::nanoTime, columns(System.getenv()));
    }

    ProgressReporter(PrintStream err, String task, long total, String unit, Mode mode, LongSupplier clock, int maxWidth) {
        this.err = err;
        this.task = task;
        this.total = Math.max(0, total);
        this.unit = unit;
        this.mode = mode;
        this.clock = clock;
        this.maxWidth = maxWidth;
        this.t0 = clock.getAsLong();
    }

    /** The terminal width from {@code COLUMNS} when exported, else 120; the bar is cut to one column less. */
    static int columns(Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "120").strip());
            return c >= 40 ? c - 1 : 119;
        } catch (NumberFormatException e) {
            return 119;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Changes the total (e.g. candidates injected into a running study add jobs). */
    public synchronized void total(long total) {
        this.total = Math.max(0, total);
    }

    /** Reports {@code done} steps so far, with an optional detail (the current item) shown after the figures. */
    public synchronized void update(long done, String detail) {
        if (closed || mode == Mode.OFF) {
            return;
        }
        long now = clock.getAsLong();
        if (first < 0) {
            first = done;
        }
        this.done = done;
        if (done > total) {
            total = done;
        }
        if (mode == Mode.BAR) {
            draw(barLine(now, detail));
        } else {
            boolean changed = done != lastLineDone || !java.util.Objects.equals(detail, lastLineDetail);
            if (lastLineDone < 0 || (changed && now - lastLineAt >= LINE_INTERVAL_NANOS) || (done >= total && done != lastLineDone)) {
                err.println(plainLine(now, detail));
                lastLineAt = now;
                lastLineDone = done;
                lastLineDetail = detail;
            }
        }
    }

    /** A message of its own line (a warning, a milestone) that does not break the bar: the bar is redrawn below it. */
    public synchronized void message(String line) {
        if (mode == Mode.BAR && drawn) {
            err.print("\r\033[K");
            err.println(line);
            draw(barLine(clock.getAsLong(), null));
        } else {
            err.println(line);
        }
    }

    /** Ends the bar's line (bar) or prints the final line if the last step was not printed yet (lines). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mode == Mode.BAR && drawn) {
            err.println();
        } else if (mode == Mode.LINES && done >= 0 && done != lastLineDone) {
            err.println(plainLine(clock.getAsLong(), null));
        }
        err.flush();
    }

    private void draw(String line) {
        err.print("\r" + (line.length() > maxWidth ? line.substring(0, maxWidth) : line) + "\033[K");
        err.flush();
        drawn = true;
    }

    /** {@code task: 10/135 unit (7.4%), 0.25/s, ETA 8m20s - detail}. */
    String plainLine(long now, String detail) {
        return task + ": " + figures(now, ", ") + (detail == null || detail.isBlank() ? "" : " - " + detail);
    }

    /** {@code task [####....] 10/135 unit (7.4%) 0.25/s ETA 8m20s detail}. */
    String barLine(long now, String detail) {
        int fill = total == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        return task + " [" + "#".repeat(fill) + ".".repeat(BAR_WIDTH - fill) + "] " + figures(now, " ")
                + (detail == null || detail.isBlank() ? "" : "  " + detail);
    }

    private String figures(long now, String sep) {
        double elapsed = (now - t0) / 1e9;
        double rate = elapsed > 0 && done > first ? (done - first) / elapsed : Double.NaN;
        String pct = total == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * done / total);
        StringBuilder b = new StringBuilder().append(done).append('/').append(total).append(' ').append(unit).append(pct);
        if (done >= total) {
            return b.append(sep).append("done in ").append(duration(elapsed))
                    .append(Double.isNaN(rate) ? "" : sep + rate(rate)).toString();
        }
        return b.append(sep).append(Double.isNaN(rate) ? "?/s" : rate(rate)).append(sep).append("ETA ")
                .append(Double.isNaN(rate) ? "?" : duration((total - done) / rate)).toString();
    }

    /** {@code 12/s} from 10 per second, {@code 0.25/s} from 0.1, {@code 1.50/min} below that. */
    static String rate(double perSecond) {
        if (perSecond >= 10) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        if (perSecond >= 0.1) {
            return String.format(Locale.ROOT, "%.2f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.2f/min", perSecond * 60);
    }

    /** Rounded to the second: {@code 42s}, {@code 8m20s}, {@code 2h05m} (minutes rounded down from one hour on). */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
