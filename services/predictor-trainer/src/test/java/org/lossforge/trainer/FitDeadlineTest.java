package org.lossforge.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.TrainingJob;

/** Oracle fits with a simulated fit time stand in for a fit that takes too long. */
class FitDeadlineTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aFitWithinTheDeadlineIsTheWorkersPredictionSet() {
        TrialWorker worker = new TrialWorker(() -> "unused", CLOCK, new TrialWorker.Oracle(1.0, 50));
        try (FitDeadline d = new FitDeadline(worker, Duration.ofSeconds(30), Duration.ofMinutes(1), CLOCK)) {
            TrainingJob job = Jobs.tiny("d1", "mse", 0).build();
            PredictionSet p = d.train(new TrainingJobs().inputs(job));
            assertNull(p.getError());
            assertEquals(15_625, p.getCount());
            assertEquals(Set.of(), d.stuck());
        }
    }

    @Test
    void aFitPastTheDeadlineFailsItsJobExplicitlyAndIsInterrupted() throws Exception {
        TrialWorker worker = new TrialWorker(() -> "unused", CLOCK, new TrialWorker.Oracle(1.0, 60_000));
        try (FitDeadline d = new FitDeadline(worker, Duration.ofMillis(300), Duration.ZERO, CLOCK)) {
            TrainingJob job = Jobs.tiny("d2", "hr", 1).build();
            long t0 = System.nanoTime();
            PredictionSet p = d.train(new TrainingJobs().inputs(job));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 300 && ms < 10_000, "returned at the deadline, not after the 60 s fit: " + ms + " ms");
            assertTrue(p.getError().startsWith("DEADLINE_EXCEEDED: the fit ran longer than the job deadline PT0.3S"),
                    p.getError());
            assertEquals(job.getTrialId(), p.getTrialId());
            assertEquals(0, p.getCount());
            assertEquals("oracle(noise=1.0)", p.getEngine());
            // the oracle's sleep is interruptible: the cancelled fit ends, nothing is left stuck
            long until = System.nanoTime() + 5_000_000_000L;
            while (!d.stuck().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(Set.of(), d.stuck());
        }
    }

    @Test
    void aFitThatIgnoresTheInterruptIsReportedStuckAfterTheGracePeriod() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FitDeadline.Fit stubborn = in -> {
            while (true) {
                try {
                    release.await();   // ignores interrupts, as a native call would
                    return PredictionSets.failed(in.job(), "released", 0, "stubborn", CLOCK.instant());
                } catch (InterruptedException e) {
                    // carry on
                }
            }
        };
        Instant[] now = {CLOCK.instant()};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId z) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (FitDeadline d = new FitDeadline(stubborn, () -> "stubborn", Duration.ofMillis(100), Duration.ofMinutes(5),
                moving)) {
            TrainingJob job = Jobs.tiny("d4", "mse", 3).build();
            PredictionSet p = d.train(new TrainingJobs().inputs(job));
            assertTrue(p.getError().startsWith("DEADLINE_EXCEEDED"), p.getError());
            assertEquals("stubborn", p.getEngine());
            assertEquals(Set.of(), d.stuck(), "within the grace period");
            now[0] = now[0].plus(Duration.ofMinutes(6));
            assertEquals(Set.of(job.getTrialId()), d.stuck(), "past the grace period");
            release.countDown();
            long until = System.nanoTime() + 5_000_000_000L;
            while (!d.stuck().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(Set.of(), d.stuck(), "a stuck fit that finally ends is forgotten");
        }
    }
}
