package org.lossforge.trainer.nlfs;

import org.lossforge.core.classify.CandidateLosses;
import org.lossforge.core.classify.NamedLoss;
import org.lossforge.core.classify.NlfsRunConfig;
import org.lossforge.schemas.Keys;
import org.lossforge.schemas.LossKind;
import org.lossforge.schemas.SurrogateJob;
import org.lossforge.services.common.InvalidRecordException;

/**
 * SurrogateJob → core inputs ({@link SurrogateInputs}), checking everything that can be checked before training. A job
 * that fails here can never be trained and is dead-lettered ({@link InvalidRecordException}):
 * <ul>
 *   <li>{@code BAD_NLFS_SETTINGS}: settings {@link NlfsRunConfig#fromMap} refuses (unknown key, bad value; core's
 *       message names the key), or a training subset that leaves no training image after the validation hold-out;</li>
 *   <li>{@code UNSUPPORTED_LOSS_KIND}: kind {@code PIECEWISE} (a predictor loss, not a classification loss);</li>
 *   <li>{@code BAD_LOSS_EXPRESSION}: an expression core's screen refuses (parse error with its position, a cell that
 *       cannot hold it, the integrity check's rejection; {@link CandidateLosses#of}), an expression whose canonical
 *       form is not the job's {@code loss} (the text the evaluation is ranked under must be what was trained), or a
 *       NAMED loss that is not a baseline ({@code ce}, {@code baikal});</li>
 *   <li>{@code INVALID_KEY}: a {@code trialId} other than
 *       {@code Keys.trialId(runId, "nlfs", dataset, trainSize, loss, 0)}, or ids that cannot form it.</li>
 * </ul>
 * The job's {@code seed} is the training seed; the settings are read with run seed 0 (only the evolution, which the
 * trainer does not run, depends on the run seed). Plain Java, no engine: checking a job trains nothing.
 */
public final class SurrogateJobs {

    /** Every NLFS evaluation is one seed of its configuration. */
    public static final int SEED_INDEX = 0;

    public SurrogateInputs inputs(SurrogateJob job) {
        NlfsRunConfig config;
        try {
            config = NlfsRunConfig.fromMap(job.getSettings(), 0);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("BAD_NLFS_SETTINGS", e.getMessage(), e);
        }
        if (config.trainSize() < 1) {
            throw new InvalidRecordException("BAD_NLFS_SETTINGS", "train_images " + config.surrogate().data().trainImages()
                    + " leaves " + config.trainSize() + " training images after holding out "
                    + config.surrogate().data().validPerClass() + " per class for validation");
        }
        NamedLoss loss = loss(job);
        String expected;
        try {
            expected = Keys.trialId(job.getRunId(), NlfsRunConfig.BENCHMARK, config.surrogate().data().dataset(),
                    config.trainSize(), job.getLoss(), SEED_INDEX);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("INVALID_KEY", "cannot form the trial id: " + e.getMessage());
        }
        if (!expected.equals(job.getTrialId())) {
            throw new InvalidRecordException("INVALID_KEY", "trialId '" + job.getTrialId() + "' is not the job's own '"
                    + expected + "'");
        }
        return new SurrogateInputs(job, config, loss);
    }

    /** The loss core trains for the job: the expression (EXPRESSION) or the baseline named by {@code loss} (NAMED). */
    static NamedLoss loss(SurrogateJob job) {
        LossKind kind = job.getKind();
        String name = job.getCandidateId() == null || job.getCandidateId().isBlank() ? "candidate" : job.getCandidateId();
        switch (kind) {
            case EXPRESSION -> {
                if (CandidateLosses.baseline(job.getExpression()) != null) {
                    throw new InvalidRecordException("BAD_LOSS_EXPRESSION", "expression '" + job.getExpression()
                            + "' names a baseline; a baseline is kind NAMED");
                }
                NamedLoss loss;
                try {
                    loss = CandidateLosses.of(job.getExpression(), name);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRecordException("BAD_LOSS_EXPRESSION", "expression '" + job.getExpression() + "': "
                            + e.getMessage(), e);
                }
                if (!loss.expression().equals(job.getLoss())) {
                    throw new InvalidRecordException("BAD_LOSS_EXPRESSION", "loss '" + job.getLoss()
                            + "' is not the canonical form '" + loss.expression() + "' of expression '"
                            + job.getExpression() + "' (EXPRESSION)");
                }
                return loss;
            }
            case NAMED -> {
                String b = CandidateLosses.baseline(job.getLoss());
                if (b == null || !b.equals(job.getLoss())) {
                    throw new InvalidRecordException("BAD_LOSS_EXPRESSION", "NAMED loss '" + job.getLoss()
                            + "' is not a baseline; known: ce, baikal");
                }
                return CandidateLosses.of(b, name);
            }
            default -> throw new InvalidRecordException("UNSUPPORTED_LOSS_KIND", "loss '" + job.getLoss() + "' is "
                    + kind + "; a surrogate trains EXPRESSION losses and the NAMED baselines ce and baikal");
        }
    }
}
