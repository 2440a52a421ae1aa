package org.lossforge.core.predictor;

import org.lossforge.core.loss.PredictorLoss;

/**
 * The predictor contract (NASLib's {@code fit}/{@code query}, batched over seeds): {@link #fit} trains one
 * independent model per seed, {@link #predict} scores architectures with every model. A fit replaces the
 * previous one.
 */
public interface Predictor extends AutoCloseable {

    /**
     * Trains one model per seed. Row {@code s} of {@code trainIdx} and {@code rawLabels} is seed {@code s}'s
     * training set (architecture indices and raw benchmark truth); all rows have the same length. The
     * labels are put on {@code loss.labelScale()} per row before training.
     *
     * @throws TrainingDivergedException when any row's loss becomes NaN or infinite
     */
    FitSummary fit(int[][] trainIdx, double[][] rawLabels, PredictorLoss loss, long[] seeds);

    /** Scores of the given architectures, one row per seed of the last fit (higher = predicted better). */
    double[][] predict(int[] archIdx);

    @Override
    void close();
}
