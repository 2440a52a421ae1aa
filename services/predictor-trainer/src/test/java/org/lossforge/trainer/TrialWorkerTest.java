package org.lossforge.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.loss.LossSpec;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.schemas.TrainingJob;

/** Real (tiny) fits: the worker's prediction set holds exactly core's scores, and a refused loss fails the trial. */
class TrialWorkerTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00.456Z");
    static final TrialWorker WORKER = new TrialWorker(() -> "test-engine", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void scoresAreCoresScoresExactly() {
        TrainingJob job = Jobs.tiny("w1", "mse", 0).build();
        PredictionSet p = WORKER.train(new TrainingJobs().inputs(job));

        Benchmark nb201 = Benchmarks.get("nb201");
        TrialTrainer.Result expected = new TrialTrainer(nb201).train("cifar10", "valid", LossSpec.parse("mse"),
                Jobs.set(0), Jobs.CONFIG);
        assertNull(p.getError());
        assertEquals(15_625, p.getCount());
        assertEquals(ScoreEncoding.F32LE, p.getEncoding());
        assertArrayEquals(expected.scores(), Scores.decode(p.getScores(), p.getEncoding(), p.getCount()));
        assertEquals(expected.fit().finalLoss()[0], p.getFinalLoss());
        assertTrue(p.getFitMillis() >= 0);
        assertEquals("test-engine", p.getEngine());
        assertEquals(NOW, p.getCreatedAt());
        assertEquals(job.getTrialId(), p.getTrialId());
        assertEquals(job.getSeed(), p.getSeed());
        assertEquals("valid", p.getTrainMetric());
        assertEquals("test", p.getEvalMetric());
    }

    @Test
    void aLossThatRefusesTheLabelsFailsTheTrialNotTheWorker() {
        TrainingJob job = Jobs.tiny("w1", "mape:lower_bound=0.99", 0).build();
        PredictionSet p = WORKER.train(new TrainingJobs().inputs(job));
        assertTrue(p.getError().startsWith("mape lower bound b=0.99 must be strictly below the smallest training error"),
                p.getError());
        assertEquals(0, p.getCount());
        assertEquals(0, p.getScores().remaining());
        assertNull(p.getFinalLoss());
        assertEquals("mape:lower_bound=0.99", p.getLoss());
    }

    @Test
    void oneTrainerPerThreadAndBenchmark() throws Exception {
        Benchmark nb201 = Benchmarks.get("nb201");
        TrialTrainer here = WORKER.trainer(nb201);
        assertSame(here, WORKER.trainer(nb201));
        TrialTrainer there = CompletableFuture.supplyAsync(() -> WORKER.trainer(nb201)).get();
        assertNotSame(here, there);
    }

    @Test
    void theOracleModeGivesCoresOracleScoresThroughTheSameRecordAndTakesItsFitTime() {
        TrialWorker oracle = new TrialWorker(() -> "unused", Clock.fixed(NOW, ZoneOffset.UTC),
                new TrialWorker.Oracle(1.5, 50));
        TrainingJob job = Jobs.tiny("w1", "hr", 1).build();
        long t0 = System.nanoTime();
        PredictionSet p = oracle.train(new TrainingJobs().inputs(job));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 50, "the simulated fit time");
        float[] expected = org.lossforge.core.study.OracleFit.fit(Benchmarks.get("nb201"), "cifar10", "valid", "hr",
                job.getSeed(), 1.5).scores();
        assertNull(p.getError());
        assertEquals(15_625, p.getCount());
        assertArrayEquals(expected, Scores.decode(p.getScores(), p.getEncoding(), p.getCount()));
        assertEquals("oracle(noise=1.5)", p.getEngine());
        assertTrue(p.getFitMillis() >= 50);
        assertEquals(job.getTrialId(), p.getTrialId());
        assertArrayEquals(expected, Scores.decode(oracle.train(new TrainingJobs().inputs(job)).getScores(),
                ScoreEncoding.F32LE, 15_625), "a redelivered job gets the same scores");
    }

    @Test
    void aBadOracleSettingIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TrialWorker.Oracle(-1, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TrialWorker.Oracle(1, -5));
    }
}
