package org.lossforge.trainer.nlfs;

import java.time.Instant;
import java.util.Map;

import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.SurrogateJob;

/** Tiny surrogate jobs, as the candidate-generator writes them: Fashion-MNIST, 500 training images, 1 epoch of 5 steps. */
public final class NlfsJobs {

    /** About a second of training on one core: 5 steps of 64 images, then 500 validation images. */
    public static final Map<String, String> TINY = Map.of("preset", "tiny", "train_images", "1000", "epochs", "1",
            "steps_per_epoch", "5", "precheck_epochs", "0");
    public static final long SEED = 7;
    public static final String CE = "-(y * ln(|yhat|))";

    private NlfsJobs() {
    }

    /** An EXPRESSION job whose loss and trialId are what the generator derives from {@code expression}. */
    public static SurrogateJob.Builder expression(String runId, String candidateId, String expression) {
        return job(runId, candidateId, LossKind.EXPRESSION, CandidateLosses.of(expression, candidateId).expression(),
                expression);
    }

    /** A NAMED baseline job ({@code ce} or {@code baikal}). */
    public static SurrogateJob.Builder baseline(String runId, String name) {
        return job(runId, "baseline-" + name, LossKind.NAMED, name, name);
    }

    /** A job with the given loss text (no check), its trialId formed from it. */
    public static SurrogateJob.Builder job(String runId, String candidateId, LossKind kind, String loss, String expression) {
        NlfsRunConfig cfg = NlfsRunConfig.fromMap(TINY, 0);
        return SurrogateJob.newBuilder()
                .setTrialId(Keys.trialId(runId, NlfsRunConfig.BENCHMARK, cfg.surrogate().data().dataset(), cfg.trainSize(),
                        loss, 0))
                .setRunId(runId).setCandidateId(candidateId).setKind(kind).setLoss(loss).setExpression(expression)
                .setHash(null).setFlip(loss.startsWith("-(") && !expression.startsWith("-(")).setSeed(SEED)
                .setSettings(TINY).setCreatedAt(Instant.parse("2026-12-03T09:00:00Z"));
    }
}
