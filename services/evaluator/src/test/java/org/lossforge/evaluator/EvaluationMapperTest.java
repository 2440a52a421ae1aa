package org.lossforge.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossforge.core.bench.Benchmark;
import org.lossforge.core.bench.Benchmarks;
import org.lossforge.core.study.TrialResult;
import org.lossforge.core.study.TrialTrainer;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.PredictionSet;
import org.lossforge.schemas.ScoreEncoding;
import org.lossforge.schemas.Scores;
import org.lossforge.services.common.InvalidRecordException;
import org.lossforge.services.common.TransientFailureException;

/** The evaluator's mapping on real NAS-Bench-201 data, checked by hand and against core. */
class EvaluationMapperTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123Z");
    static final EvaluationMapper MAPPER = new EvaluationMapper(Clock.fixed(NOW, ZoneOffset.UTC));
    static Benchmark nb201;
    static double[] test;
    static double[] valid;

    @BeforeAll
    static void load() {
        nb201 = Benchmarks.get("nb201");
        test = nb201.truthColumn("cifar10", "test");
        valid = nb201.truthColumn("cifar10", "valid");
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static PredictionSet.Builder prediction(float[] scores) {
        return PredictionSet.newBuilder()
                .setTrialId("study-1/nb201/cifar10/100/hr:margin=0.05/3").setStudyId("study-1").setBenchmark("nb201")
                .setDataset("cifar10").setTrainSize(100).setLoss("hr:margin=0.05").setCandidateId("cand-7")
                .setSeedIndex(3).setSeed(123456789L).setTrainMetric("valid").setEvalMetric("test")
                .setCount(scores.length).setEncoding(ScoreEncoding.F32LE).setScores(Scores.encode(scores))
                .setFitMillis(1234L).setFinalLoss(0.25).setError(null).setEngine("PyTorch 2.5.1 on cpu()")
                .setCreatedAt(Instant.parse("2026-11-23T11:59:00Z"));
    }

    static void assertIdentity(PredictionSet p, Evaluation e) {
        assertEquals(p.getTrialId(), e.getTrialId());
        assertEquals(p.getStudyId(), e.getStudyId());
        assertEquals(p.getBenchmark(), e.getBenchmark());
        assertEquals(p.getDataset(), e.getDataset());
        assertEquals(p.getTrainSize(), e.getTrainSize());
        assertEquals(p.getLoss(), e.getLoss());
        assertEquals(p.getCandidateId(), e.getCandidateId());
        assertEquals(p.getSeedIndex(), e.getSeedIndex());
        assertEquals(p.getSeed(), e.getSeed());
        assertEquals(p.getEvalMetric(), e.getEvalMetric());
        assertEquals(NOW, e.getEvaluatedAt());
        assertEquals("study-1/nb201/cifar10/100/hr:margin=0.05", EvaluationMapper.key(e));
    }

    static double[] metrics(Evaluation e) {
        return new double[] {e.getKendallTauB(), e.getSpearman(), e.getP05(), e.getP1(), e.getP5(), e.getP10(),
                e.getN1(), e.getN5(), e.getN10(), e.getRegret10()};
    }

    /** Dense ranks of a column (equal values share a rank): the truth's order, exact in float32. */
    static float[] denseRanks(double[] column) {
        double[] distinct = Arrays.stream(column).distinct().sorted().toArray();
        float[] r = new float[column.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Arrays.binarySearch(distinct, column[i]);
        }
        return r;
    }

    @Test
    void aPerfectPredictorScoresPerfectly() {
        // not the truth narrowed to float32: that merges close accuracies into ties and tau drops to 0.99995
        PredictionSet p = prediction(denseRanks(test)).build();
        Evaluation e = MAPPER.evaluate(p);
        assertIdentity(p, e);
        assertEquals(EvaluationStatus.OK, e.getStatus());
        assertNull(e.getError());
        // by hand: same order as the truth -> correlations 1, every true top-k found, best found first, no regret
        assertEquals(1.0, e.getKendallTauB(), 1e-12);
        assertEquals(1.0, e.getSpearman(), 1e-12);
        assertEquals(1.0, e.getP05());
        assertEquals(1.0, e.getP1());
        assertEquals(1.0, e.getP5());
        assertEquals(1.0, e.getP10());
        assertEquals(1.0, e.getN1());
        assertEquals(1.0, e.getN5());
        assertEquals(1.0, e.getN10());
        assertEquals(0.0, e.getRegret10());
    }

    @Test
    void validationAccuracyAsPredictorMatchesCoreAndHandComputedRanks() {
        float[] scores = floats(valid);
        PredictionSet p = prediction(scores).build();
        Evaluation e = MAPPER.evaluate(p);
        assertIdentity(p, e);
        assertEquals(EvaluationStatus.OK, e.getStatus());

        // exactly what core's study runner records for these scores
        TrialResult core = TrialResult.of("nb201", "cifar10", 100, "hr:margin=0.05", 3, 123456789L,
                TrialTrainer.evaluate(test, scores));
        assertEquals(List.of(core.tau(), core.spearman(), core.p05(), core.p1(), core.p5(), core.p10(), core.n1(),
                core.n5(), core.n10(), core.regret10()), Arrays.stream(metrics(e)).boxed().toList());

        // by hand from the raw columns: predicted order = valid accuracy, descending
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        assertTrue(scores[order[0]] > scores[order[1]], "no tie at the top of the prediction");
        assertEquals(trueRank(order[0]), e.getN1());   // N@1: true rank of the predicted best
        double bestOf5 = Double.MAX_VALUE;
        double bestTestOf10 = -Double.MAX_VALUE;
        for (int j = 0; j < 10; j++) {
            if (j < 5) {
                bestOf5 = Math.min(bestOf5, trueRank(order[j]));
            }
            bestTestOf10 = Math.max(bestTestOf10, test[order[j]]);
        }
        assertTrue(scores[order[9]] > scores[order[10]], "no tie at the top-10 boundary");
        assertEquals(bestOf5, e.getN5());
        assertEquals(Arrays.stream(test).max().orElseThrow() - bestTestOf10, e.getRegret10(), 1e-12);
        // valid accuracy is a good but imperfect proxy of test accuracy on NB201
        assertTrue(e.getKendallTauB() > 0.5 && e.getKendallTauB() < 1, "tau " + e.getKendallTauB());
        assertTrue(e.getSpearman() > e.getKendallTauB() && e.getSpearman() < 1, "spearman " + e.getSpearman());
    }

    /** 1 + the number of architectures with a strictly better test accuracy. */
    static double trueRank(int arch) {
        return 1 + Arrays.stream(test).filter(t -> t > test[arch]).count();
    }

    @Test
    void aFailedTrialBecomesAFailedEvaluationWithItsError() {
        PredictionSet p = prediction(new float[0]).setError("training diverged: loss of seed row 0 is NaN at epoch 3")
                .setFinalLoss(null).build();
        Evaluation e = MAPPER.evaluate(p);
        assertIdentity(p, e);
        assertEquals(EvaluationStatus.FAILED, e.getStatus());
        assertEquals("training diverged: loss of seed row 0 is NaN at epoch 3", e.getError());
        assertTrue(Arrays.stream(metrics(e)).allMatch(Double::isNaN));
    }

    @Test
    void nonFiniteScoresFailTheTrialNotTheRecord() {
        float[] scores = floats(valid);
        scores[42] = Float.NaN;
        Evaluation e = MAPPER.evaluate(prediction(scores).build());
        assertEquals(EvaluationStatus.FAILED, e.getStatus());
        assertEquals("score of architecture 42 is NaN (predictions must be finite)", e.getError());
        assertTrue(Arrays.stream(metrics(e)).allMatch(Double::isNaN));
    }

    static InvalidRecordException invalid(PredictionSet p) {
        return assertThrows(InvalidRecordException.class, () -> MAPPER.evaluate(p));
    }

    @Test
    void unknownBenchmark() {
        InvalidRecordException x = invalid(prediction(floats(valid)).setBenchmark("nb999").build());
        assertEquals("UNKNOWN_BENCHMARK", x.code());
        assertTrue(x.getMessage().startsWith("UNKNOWN_BENCHMARK: no benchmark 'nb999' (known: nb201, "), x.getMessage());
    }

    @Test
    void unknownDataset() {
        InvalidRecordException x = invalid(prediction(floats(valid)).setDataset("mnist").build());
        assertEquals("UNKNOWN_DATASET: benchmark nb201 has no dataset 'mnist' (known: cifar10, cifar100, imagenet16)",
                x.getMessage());
    }

    @Test
    void unknownEvalMetric() {
        InvalidRecordException x = invalid(prediction(floats(valid)).setEvalMetric("latency").build());
        assertEquals("UNKNOWN_METRIC", x.code());
        assertTrue(x.getMessage().contains("has no metric 'latency'"), x.getMessage());
    }

    @Test
    void wrongScoreCount() {
        float[] short1 = Arrays.copyOf(floats(valid), 15_624);
        InvalidRecordException x = invalid(prediction(short1).build());
        assertEquals("WRONG_SCORE_COUNT: count is 15624 but nb201 has 15625 architectures", x.getMessage());
    }

    @Test
    void scoreBytesThatDoNotMatchTheCount() {
        ByteBuffer bytes = Scores.encode(Arrays.copyOf(floats(valid), 15_624));
        InvalidRecordException x = invalid(prediction(floats(valid)).setScores(bytes).build());
        assertEquals("BAD_SCORES: expected 62500 bytes for 15625 F32LE scores, got 62496", x.getMessage());
    }

    @Test
    void aStudyIdThatCannotBeAKey() {
        InvalidRecordException x = invalid(prediction(floats(valid)).setStudyId("no spaces allowed").build());
        assertEquals("INVALID_KEY", x.code());
    }

    @Test
    void unreadableBenchmarkDataIsNotTheRecordsFault() {
        EvaluationMapper broken = new EvaluationMapper(name -> {
            throw new IllegalStateException("LossForge data folder not found");
        }, Clock.systemUTC());
        TransientFailureException x = assertThrows(TransientFailureException.class,
                () -> broken.evaluate(prediction(floats(valid)).build()));
        assertEquals("cannot load benchmark nb201: LossForge data folder not found", x.getMessage());
    }
}
