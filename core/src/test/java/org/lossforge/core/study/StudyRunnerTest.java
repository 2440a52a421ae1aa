package org.lossforge.core.study;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.metrics.MetricReport;
import org.lossforge.core.metrics.MetricSet;
import org.lossforge.core.predictor.PredictorConfig;
import org.lossforge.core.predictor.SeedBatchedPredictor;
import org.lossforge.core.predictor.SpaceTensors;

class StudyRunnerTest {
    static final Benchmark NB201 = Benchmarks.get("nb201");
    static final SpaceTensors TENSORS = SpaceTensors.of(NB201);
    static final PredictorConfig TINY = PredictorConfig.gcnDefaults().withEpochs(2);

    static StudyConfig config(boolean batch) {
        return new StudyConfig("t", "nb201", List.of("cifar10"), List.of(LossSpec.parse("mse"), LossSpec.parse("pw")),
                List.of(20), 2, 7, TINY, null, null, batch);
    }

    /** One run shared by the tests that only read it (each run predicts the whole space). */
    static StudyResult shared;

    @org.junit.jupiter.api.BeforeAll
    static void runOnce() {
        shared = new StudyRunner(NB201, TENSORS).run(config(true), StudyRunner.Progress.NONE);
    }

    @Test
    void sameSeedSameNumbers() {
        StudyResult a = shared;
        StudyResult b = new StudyRunner(NB201, TENSORS).run(config(true), StudyRunner.Progress.NONE);
        assertEquals(4, a.trials().size());
        assertEquals(a.trials(), b.trials());
        assertTrue(a.trials().stream().allMatch(TrialResult::ok));
    }

    /** A trial's metrics are exactly those of the same fit done by hand: the runner adds nothing of its own. */
    @Test
    void trialEqualsAHandMadeFitOfTheSameSeeds() {
        TrialResult t = shared.trials().get(1); // mse, seed index 1
        assertEquals("mse", t.loss());
        assertEquals(1, t.seedIndex());
        long seed = Seeds.trialSeed(7, "nb201", "cifar10", 20, 1);
        assertEquals(seed, t.seed());
        int[] idx = NB201.sample(20, Seeds.sampleSeed(seed));
        double[] valid = NB201.truthColumn("cifar10", "valid");
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            y[i] = valid[idx[i]];
        }
        long seed0 = Seeds.trialSeed(7, "nb201", "cifar10", 20, 0);
        int[] idx0 = NB201.sample(20, Seeds.sampleSeed(seed0));
        double[] y0 = new double[20];
        for (int i = 0; i < 20; i++) {
            y0[i] = valid[idx0[i]];
        }
        try (SeedBatchedPredictor p = new SeedBatchedPredictor(TENSORS, TINY, true)) {
            p.fit(new int[][] {idx0, idx}, new double[][] {y0, y}, StudyRunner.lossFor(LossSpec.parse("mse"), "nb201", "cifar10"),
                    new long[] {seed0, seed});
            MetricReport m = MetricSet.standard().compute(NB201.truthColumn("cifar10", "test"), p.predictAll()[1]);
            assertEquals(m.kendallTauB(), t.tau(), 0.0);
            assertEquals(m.precisionAt().get(0.5), t.p05(), 0.0);
            assertEquals(m.nAt().get(10), t.n10(), 0.0);
        }
    }

    /** Every loss of a configuration sees the same training sets (paired comparison): same seeds per row. */
    @Test
    void lossesShareSeeds() {
        StudyResult r = shared;
        assertEquals(r.trials().get(0).seed(), r.trials().get(2).seed());
        assertEquals(r.trials().get(1).seed(), r.trials().get(3).seed());
        assertNotEquals(r.trials().get(0).seed(), r.trials().get(1).seed());
    }

    @Test
    void badConfigurationsAreRejectedWithAReason() {
        StudyRunner runner = new StudyRunner(NB201, TENSORS);
        var big = new StudyConfig("t", "nb201", List.of("cifar10"), List.of(LossSpec.parse("mse")), List.of(20000), 1, 0, TINY, null, null, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.run(big, StudyRunner.Progress.NONE)).getMessage().contains("15625"));
        var ds = new StudyConfig("t", "nb201", List.of("mnist"), List.of(LossSpec.parse("mse")), List.of(20), 1, 0, TINY, null, null, true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runner.run(ds, StudyRunner.Progress.NONE)).getMessage().contains("mnist"));
    }

    @Test
    void summaryIsMeanAndSampleStdOfTheTrials() {
        TrialResult a = new TrialResult("b", "d", 10, "mse", 0, 1, 0.5, 0.6, 0.1, 0, 0.2, 0, 1, 1, 3, 0, null);
        TrialResult b = new TrialResult("b", "d", 10, "mse", 1, 2, 0.7, 0.8, 0.3, 0, 0.4, 0, 1, 1, 5, 0, null);
        TrialResult failed = new TrialResult("b", "d", 10, "mse", 2, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "diverged");
        ConfigSummary s = ConfigSummary.of(List.of(a, b, failed));
        assertEquals(2, s.seeds());
        assertEquals(1, s.failed());
        assertEquals(0.6, s.tauMean(), 1e-15);
        assertEquals(Math.sqrt(0.02), s.tauStd(), 1e-15); // ((0.1)² + (0.1)²) / (2 − 1)
        assertEquals(0.7, s.spearmanMean(), 1e-15);
        assertEquals(4.0, s.n10Mean(), 1e-15);
        assertEquals(Math.sqrt(2), s.n10Std(), 1e-15);
    }

    @Test
    void reportHasTheFixedCsvHeaderAndOneRowPerConfiguration(@TempDir Path dir) throws Exception {
        StudyResult r = shared;
        Files.writeString(dir.resolve("t-discussion.md"), "## Discussion\n\nhand-written");
        StudyReport.write(r, dir, "./lossforge study --x");
        List<String> csv = Files.readAllLines(dir.resolve("t.csv"));
        assertEquals("benchmark,dataset,train_size,loss,seeds,tau_mean,tau_std,spearman_mean,p05_mean,p05_std,p5_mean,p5_std,n10_mean,n10_std", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("nb201,cifar10,20,mse,2,"));
        String md = Files.readString(dir.resolve("t.md"));
        assertTrue(md.contains("./lossforge study --x"));
        assertTrue(md.contains("hand-written"));
        assertTrue(md.contains("pw:warm=hr,focus=mape"));
        assertEquals(5, Files.readAllLines(dir.resolve("t-trials.csv")).size());
    }

    @Test
    void unbatchedStudyMatchesTheBatchedOneToFloatRounding() {
        StudyResult one = new StudyRunner(NB201, TENSORS).run(config(false), StudyRunner.Progress.NONE);
        for (int i = 0; i < one.trials().size(); i++) {
            assertEquals(shared.trials().get(i).tau(), one.trials().get(i).tau(), 1e-3);
            assertEquals(shared.trials().get(i).seed(), one.trials().get(i).seed());
        }
    }

    /** A loss that refuses a seed's labels fails that trial with its reason; the study goes on. */
    @Test
    void aFailingLossIsRecordedPerSeedAndTheStudyCompletes() {
        var cfg = new StudyConfig("t", "nb201", List.of("cifar10"), List.of(LossSpec.parse("mape:lower_bound=0.99")),
                List.of(20), 2, 7, TINY, null, null, true);
        StudyResult r = new StudyRunner(NB201, TENSORS).run(cfg, StudyRunner.Progress.NONE);
        assertEquals(2, r.trials().size());
        for (TrialResult t : r.trials()) {
            assertFalse(t.ok());
            assertTrue(t.error().contains("0.99"), t.error());
            assertTrue(Double.isNaN(t.tau()));
        }
        ConfigSummary s = r.summaries().get(0);
        assertEquals(0, s.seeds());
        assertEquals(2, s.failed());
    }

    /** An interrupted study resumed from its finished configurations gives the numbers of an uninterrupted run. */
    @Test
    void resumeReusesFinishedConfigurationsAndGivesTheSameNumbers() {
        List<TrialResult> mseOnly = shared.trials().stream().filter(t -> t.loss().equals("mse"))
                .map(t -> TrialResult.parseCsvRow(t.csvRow())).toList(); // as read back from the partial file
        StudyResult resumed = new StudyRunner(NB201, TENSORS).run(config(true), StudyRunner.Progress.NONE, mseOnly);
        assertEquals(shared.trials(), resumed.trials());
        assertSame(mseOnly.get(0), resumed.trials().get(0), "finished configuration is reused, not retrained");
    }

    @Test
    void trialRowsRoundTripExactly() {
        TrialResult t = new TrialResult("nb201", "cifar10", 50, "pw:warm=hr,focus=mape", 3, -8141L, 0.1 + 0.2, 1.0 / 3,
                0.05, 0.1, 0.2, 0.3, 1, 2, 17, 0.123456789012345, null);
        assertEquals(t, TrialResult.parseCsvRow(t.csvRow()));
        TrialResult f = new TrialResult("nb201", "cifar10", 50, "mape", 0, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "bound 0.99, \"too high\"");
        assertEquals(f.toString(), TrialResult.parseCsvRow(f.csvRow()).toString());
    }

    @Test
    void fingerprintIgnoresWhatMayGrowButNotWhatChangesNumbers() {
        StudyConfig a = config(true);
        StudyConfig more = new StudyConfig("other", "nb201", List.of("cifar10", "cifar100"), List.of(LossSpec.parse("hr")),
                List.of(20, 50), 30, 7, TINY, null, null, true);
        StudyConfig otherEpochs = new StudyConfig("t", "nb201", List.of("cifar10"), a.losses(), List.of(20), 2, 7,
                TINY.withEpochs(3), null, null, true);
        assertEquals(a.fingerprint(), more.fingerprint());
        assertNotEquals(a.fingerprint(), otherEpochs.fingerprint());
    }
}
