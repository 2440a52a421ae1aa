package org.lossforge.core.classify;

import java.util.Arrays;
import java.util.Locale;

/**
 * One surrogate training of one loss with one seed.
 *
 * @param status        OK, or why the candidate failed
 * @param reason        for a failure: what happened (e.g. "loss is NaN at epoch 0, step 3"); null when OK
 * @param fitness       the best validation accuracy over the epochs run (NaN when failed)
 * @param bestEpoch     the epoch (0-based) of that accuracy, −1 when failed
 * @param trainAccuracy per epoch, over that epoch's training batches (train mode: dropout on)
 * @param validAccuracy per epoch
 * @param testAccuracy  per epoch when the test set was evaluated, else empty
 * @param aborted       the early abort stopped the run (the fitness is the best so far)
 * @param steps         optimizer steps taken (main run)
 * @param seconds       wall time of the whole evaluation, precheck included
 */
public record SurrogateResult(Status status, String reason, double fitness, int bestEpoch, double[] trainAccuracy,
                              double[] validAccuracy, double[] testAccuracy, boolean aborted, long steps, double seconds) {

    /** OK; PRECHECK_FAILED (too slow to learn); DIVERGED (NaN/inf loss, weights or outputs); ERROR (the loss or engine threw). */
    public enum Status { OK, PRECHECK_FAILED, DIVERGED, ERROR }

    public SurrogateResult {
        trainAccuracy = trainAccuracy.clone();
        validAccuracy = validAccuracy.clone();
        testAccuracy = testAccuracy.clone();
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The test accuracy at the best validation epoch (model selection on validation, never on test); NaN if not evaluated. */
    public double testAtBestValid() {
        return ok() && bestEpoch < testAccuracy.length ? testAccuracy[bestEpoch] : Double.NaN;
    }

    /** The fitness for ranking: failures rank below every real accuracy. */
    public double rankingScore() {
        return ok() ? fitness : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double[] trainAccuracy() {
        return trainAccuracy.clone();
    }

    @Override
    public double[] validAccuracy() {
        return validAccuracy.clone();
    }

    @Override
    public double[] testAccuracy() {
        return testAccuracy.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurrogateResult r && status == r.status && java.util.Objects.equals(reason, r.reason)
                && Double.compare(fitness, r.fitness) == 0 && bestEpoch == r.bestEpoch && Arrays.equals(trainAccuracy, r.trainAccuracy)
                && Arrays.equals(validAccuracy, r.validAccuracy) && Arrays.equals(testAccuracy, r.testAccuracy) && aborted == r.aborted
                && steps == r.steps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(status, fitness, bestEpoch, steps) * 31 + Arrays.hashCode(validAccuracy);
    }

    @Override
    public String toString() {
        return ok() ? String.format(Locale.ROOT, "OK fitness %.4f (epoch %d%s), %d steps, %.1f s", fitness, bestEpoch,
                aborted ? ", aborted" : "", steps, seconds) : status + ": " + reason + String.format(Locale.ROOT, " (%.1f s)", seconds);
    }
}
