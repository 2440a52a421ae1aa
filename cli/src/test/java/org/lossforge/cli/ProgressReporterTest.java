package org.lossforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate, ETA and the three modes on a fake clock, written into a buffer: every figure below is computed by hand. */
class ProgressReporterTest {

    private static final long S = 1_000_000_000L;

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    private long now = 100 * S;   // the fake clock (nanoseconds); the reporter starts at 100 s

    private ProgressReporter reporter(ProgressReporter.Mode mode, long total) {
        return new ProgressReporter(err, "study s1", total, "trials", mode, () -> now, 119);
    }

    private String out() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesGiveRateAndEta() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 135);
        p.update(0, null);                       // nothing done yet: no rate, no ETA
        now += 40 * S;
        p.update(10, "mse n=50");               // 10 in 40 s = 0.25/s; 125 left / 0.25 = 500 s = 8m20s; 10/135 = 7.4%
        assertEquals("study s1: 0/135 trials (0.0%), ?/s, ETA ?\n"
                + "study s1: 10/135 trials (7.4%), 0.25/s, ETA 8m20s - mse n=50\n", out());
    }

    @Test
    void linesAreThrottledToOneEveryFiveSecondsButTheLastIsAlwaysPrinted() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 4);
        p.update(0, null);
        now += 2 * S;
        p.update(1, null);                       // 2 s after the last line: held back
        now += 2 * S;
        p.update(1, null);                       // unchanged: never printed
        now += 2 * S;
        p.update(2, null);                       // 6 s after the last line: 2 in 6 s = 0.33/s, 2 left → 6 s
        now += 1 * S;
        p.update(3, null);                       // 1 s later: held back
        now += 1 * S;
        p.update(4, null);                       // the last: 4 in 8 s = 0.50/s
        p.close();                               // the last step was printed: nothing more
        assertEquals("study s1: 0/4 trials (0.0%), ?/s, ETA ?\n"
                + "study s1: 2/4 trials (50.0%), 0.33/s, ETA 6s\n"
                + "study s1: 4/4 trials (100.0%), done in 8s, 0.50/s\n", out());
    }

    @Test
    void closePrintsTheStepThatWasHeldBack() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 10);
        p.update(0, null);
        now += 3 * S;
        p.update(3, null);                       // held back (3 s)
        p.close();                               // 3 in 3 s = 1.00/s; 7 left → 7 s
        assertEquals("study s1: 0/10 trials (0.0%), ?/s, ETA ?\n"
                + "study s1: 3/10 trials (30.0%), 1.00/s, ETA 7s\n", out());
    }

    @Test
    void rateCountsOnlyStepsDoneSinceTheFirstReport() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 100);
        p.update(40, null);                      // a resumed run: 40 kept, not done in this run
        now += 120 * S;
        p.update(70, null);                      // 30 in 120 s = 0.25/s; 30 left → 120 s = 2m00s
        assertEquals("study s1: 40/100 trials (40.0%), ?/s, ETA ?\n"
                + "study s1: 70/100 trials (70.0%), 0.25/s, ETA 2m00s\n", out());
    }

    @Test
    void barIsRedrawnInPlace() {
        ProgressReporter p = reporter(ProgressReporter.Mode.BAR, 135);
        p.update(0, null);
        now += 40 * S;
        p.update(10, "mse n=50");               // 10 × 30 / 135 = 2 marks of 30
        p.message("a warning");
        p.close();
        String bar = "study s1 [##............................] 10/135 trials (7.4%) 0.25/s ETA 8m20s";
        assertEquals("\rstudy s1 [..............................] 0/135 trials (0.0%) ?/s ETA ?\033[K"
                + "\r" + bar + "  mse n=50\033[K" + "\r\033[Ka warning\n" + "\r" + bar + "\033[K" + "\n", out());
    }

    @Test
    void barIsCutToTheTerminalWidth() {
        ProgressReporter p = new ProgressReporter(err, "t", 10, "u", ProgressReporter.Mode.BAR, () -> now, 20);
        p.update(5, "a long detail");
        assertEquals("\rt [###############..\033[K", out());
    }

    @Test
    void offPrintsNothingButMessages() {
        ProgressReporter p = reporter(ProgressReporter.Mode.OFF, 10);
        p.update(3, "x");
        p.message("hello");
        p.close();
        assertEquals("hello\n", out());
    }

    @Test
    void totalGrowsWithInjectedWork() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 10);
        p.update(0, null);
        p.total(20);
        now += 10 * S;
        p.update(5, null);                       // 5 in 10 s = 0.50/s; 15 left → 30 s
        assertEquals("study s1: 0/10 trials (0.0%), ?/s, ETA ?\n"
                + "study s1: 5/20 trials (25.0%), 0.50/s, ETA 30s\n", out());
    }

    @Test
    void rateAndDurationFormats() {
        assertEquals("12/s", ProgressReporter.rate(12.4));
        assertEquals("0.25/s", ProgressReporter.rate(0.25));
        assertEquals("3.00/min", ProgressReporter.rate(0.05));
        assertEquals("59s", ProgressReporter.duration(59.4));
        assertEquals("1m00s", ProgressReporter.duration(59.6));
        assertEquals("8m20s", ProgressReporter.duration(500));
        assertEquals("2h05m", ProgressReporter.duration(2 * 3600 + 5 * 60 + 59));
    }

    @Test
    void modeFromTheEnvironmentOrTheTerminal() {
        assertEquals(ProgressReporter.Mode.BAR, ProgressReporter.Mode.detect(Map.of(), true));
        assertEquals(ProgressReporter.Mode.LINES, ProgressReporter.Mode.detect(Map.of(), false));
        assertEquals(ProgressReporter.Mode.LINES, ProgressReporter.Mode.detect(Map.of("TERM", "dumb"), true));
        assertEquals(ProgressReporter.Mode.LINES, ProgressReporter.Mode.detect(Map.of("LOSSFORGE_PROGRESS", "lines"), true));
        assertEquals(ProgressReporter.Mode.BAR, ProgressReporter.Mode.detect(Map.of("LOSSFORGE_PROGRESS", "BAR"), false));
        assertEquals(ProgressReporter.Mode.OFF, ProgressReporter.Mode.detect(Map.of("LOSSFORGE_PROGRESS", "off"), true));
        CliException e = assertThrows(CliException.class,
                () -> ProgressReporter.Mode.detect(Map.of("LOSSFORGE_PROGRESS", "fancy"), true));
        assertEquals("LOSSFORGE_PROGRESS must be bar, lines or off, got 'fancy'", e.getMessage());
        assertEquals(79, ProgressReporter.columns(Map.of("COLUMNS", "80")));
        assertEquals(119, ProgressReporter.columns(Map.of("COLUMNS", "wide")));
    }

    @Test
    void halvingTrainingsCountsEveryRound() {
        // 10 losses to 4: round 0 trains 10, keeps 5; round 1 trains 5, keeps max(4, 3) = 4 → 15
        assertEquals(15, SurrogateCommand.halvingTrainings(10, 4, 0.5));
        assertEquals(0, SurrogateCommand.halvingTrainings(3, 4, 0.5));
    }
}
