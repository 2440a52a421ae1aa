package org.lossforge.trainer.nlfs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.core.classify.SurrogateResult;
import org.lossforge.schemas.Evaluation;
import org.lossforge.schemas.EvaluationStatus;
import org.lossforge.schemas.SurrogateJob;

/**
 * The {@link Evaluation} of a surrogate training, which the trainer writes itself: the fitness (best validation
 * accuracy) is measured inside the surrogate's training, so there is no prediction set for the evaluator to judge.
 * Benchmark {@code nlfs}, dataset the image set, trainSize the training images, seed index 0; every ranking metric is
 * NaN. OK: {@code fitness} set. Any other status: FAILED, {@code error = "<STATUS>: <reason>"}, fitness null.
 * {@code trainSeconds} is the training's wall time either way.
 */
public final class SurrogateEvaluations {

    /** The evaluation's {@code evalMetric}: what {@code fitness} measures. */
    public static final String EVAL_METRIC = "valid_accuracy";

    private SurrogateEvaluations() {
    }

    public static Evaluation of(SurrogateInputs in, SurrogateResult r, Instant now) {
        Evaluation.Builder b = base(in, now).setTrainSeconds(r.seconds());
        if (r.ok() && Double.isFinite(r.fitness())) {
            return b.setStatus(EvaluationStatus.OK).setError(null).setFitness(r.fitness()).build();
        }
        String error = r.ok() ? "ERROR: the surrogate reported no finite validation accuracy (" + r.fitness() + ")"
                : r.status() + ": " + r.reason();
        return b.setStatus(EvaluationStatus.FAILED).setError(error).setFitness(null).build();
    }

    private static Evaluation.Builder base(SurrogateInputs in, Instant now) {
        SurrogateJob job = in.job();
        double nan = Double.NaN;
        return Evaluation.newBuilder()
                .setTrialId(job.getTrialId()).setStudyId(job.getRunId()).setBenchmark(NlfsRunConfig.BENCHMARK)
                .setDataset(in.dataset()).setTrainSize(in.config().trainSize()).setLoss(job.getLoss())
                .setCandidateId(job.getCandidateId()).setSeedIndex(SurrogateJobs.SEED_INDEX).setSeed(job.getSeed())
                .setKendallTauB(nan).setSpearman(nan).setP05(nan).setP1(nan).setP5(nan).setP10(nan)
                .setN1(nan).setN5(nan).setN10(nan).setRegret10(nan).setBestTestError(null)
                .setEvalMetric(EVAL_METRIC)
                .setEvaluatedAt(now.truncatedTo(ChronoUnit.MILLIS));
    }
}
