package org.lossforge.ranker;

import java.time.Instant;

import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.Keys;

/** Evaluations for tests: every metric derived from one number {@code v}, so expected statistics are easy to write. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private Fixtures() {
    }

    /**
     * An OK evaluation of {@code study/nb101/cifar10/100/loss}, seed {@code seed}: kendallTauB = v, spearman = v + 0.1,
     * p05..p10 = v / 2, n1 = 10 * v, n5 = n10 = 10 * v + 1, regret10 = 1 - v; evaluated at {@code T0 + seed s}.
     */
    public static Evaluation ok(String study, String loss, int seed, double v) {
        return ok(study, "nb101", "cifar10", 100, loss, seed, v, T0.plusSeconds(seed));
    }

    public static Evaluation ok(String study, String benchmark, String dataset, int trainSize, String loss, int seed,
                                double v, Instant at) {
        return base(study, benchmark, dataset, trainSize, loss, seed, at).setStatus(EvaluationStatus.OK).setError(null)
                .setKendallTauB(v).setSpearman(v + 0.1).setP05(v / 2).setP1(v / 2).setP5(v / 2).setP10(v / 2)
                .setN1(10 * v).setN5(10 * v + 1).setN10(10 * v + 1).setRegret10(1 - v).build();
    }

    /** A FAILED evaluation: every metric NaN, error set. */
    public static Evaluation failed(String study, String loss, int seed) {
        double nan = Double.NaN;
        return base(study, "nb101", "cifar10", 100, loss, seed, T0.plusSeconds(seed)).setStatus(EvaluationStatus.FAILED)
                .setError("loss diverged").setKendallTauB(nan).setSpearman(nan).setP05(nan).setP1(nan).setP5(nan)
                .setP10(nan).setN1(nan).setN5(nan).setN10(nan).setRegret10(nan).build();
    }

    /**
     * An NLFS evaluation as the trainer writes it for candidate {@code candidateId} of run {@code run} (benchmark nlfs,
     * fashion-mnist, 500 training images, seed index 0, evaluated at T0): OK with {@code fitness} and trainSeconds
     * {@code 10 * fitness}; every ranking metric NaN.
     */
    public static Evaluation nlfs(String run, String candidateId, String loss, double fitness) {
        return nlfsBase(run, candidateId, loss).setStatus(EvaluationStatus.OK).setError(null).setFitness(fitness)
                .setTrainSeconds(10 * fitness).build();
    }

    /** A FAILED NLFS evaluation (the surrogate's precheck failed): no fitness, trainSeconds 1.5. */
    public static Evaluation nlfsFailed(String run, String candidateId, String loss) {
        return nlfsBase(run, candidateId, loss).setStatus(EvaluationStatus.FAILED)
                .setError("PRECHECK_FAILED: training accuracy 0.104 < 0.200 after 2 epochs").setFitness(null)
                .setTrainSeconds(1.5).build();
    }

    static Evaluation.Builder nlfsBase(String run, String candidateId, String loss) {
        double nan = Double.NaN;
        return base(run, "nlfs", "fashion-mnist", 500, loss, 0, T0).setCandidateId(candidateId).setSeed(42L)
                .setEvalMetric("valid_accuracy").setKendallTauB(nan).setSpearman(nan).setP05(nan).setP1(nan)
                .setP5(nan).setP10(nan).setN1(nan).setN5(nan).setN10(nan).setRegret10(nan).setBestTestError(null);
    }

    static Evaluation.Builder base(String study, String benchmark, String dataset, int trainSize, String loss, int seed,
                                   Instant at) {
        return Evaluation.newBuilder()
                .setTrialId(Keys.trialId(study, benchmark, dataset, trainSize, loss, seed))
                .setStudyId(study).setBenchmark(benchmark).setDataset(dataset).setTrainSize(trainSize).setLoss(loss)
                .setCandidateId(null).setSeedIndex(seed).setSeed(1000L + seed).setEvalMetric("val_accuracy")
                .setEvaluatedAt(at);
    }

    /** A copy of {@code e} evaluated at another time (a re-evaluation of the same trial). */
    public static Evaluation at(Evaluation e, Instant at) {
        return Evaluation.newBuilder(e).setEvaluatedAt(at).build();
    }
}
