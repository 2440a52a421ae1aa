package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * BANANAS' MAPE on the error, labels are accuracies in [0,1] (UNIT):
 * {@code L = (1/n) Σ_i | ((1 − ŷ_i) − b) / ((1 − y_i) − b) − 1 |}, evaluated in the algebraically equal
 * form {@code |y_i − ŷ_i| / ((1 − y_i) − b)}. The lower bound b (default 0.045 = BANANAS' 4.5 % as a
 * fraction) must be strictly below the smallest error {@code min_i (1 − y_i)} of every row, otherwise
 * {@link #evaluate} throws {@link IllegalArgumentException}.
 */
public final class Mape implements PredictorLoss {

    public static final double DEFAULT_LOWER_BOUND = 0.045;

    private final double lowerBound;

    public Mape() {
        this(DEFAULT_LOWER_BOUND);
    }

    public Mape(double lowerBound) {
        LossOps.requireFinite("mape lower_bound", lowerBound);
        this.lowerBound = lowerBound;
    }

    public double lowerBound() {
        return lowerBound;
    }

    @Override
    public String name() {
        return "mape";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        double minError = Double.POSITIVE_INFINITY;
        for (double[] row : LossOps.rows(truth)) {
            for (double y : row) {
                minError = Math.min(minError, 1 - y);
            }
        }
        if (!(lowerBound < minError)) {
            throw new IllegalArgumentException("mape lower bound b=" + lowerBound
                    + " must be strictly below the smallest training error min(1 - y)=" + minError);
        }
        NDArray y = LossOps.labels(pred, truth);
        NDArray denominator = y.neg().add(1 - lowerBound); // (1 − y) − b > 0
        return y.sub(pred).abs().div(denominator).mean(new int[] {1});
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.UNIT;
    }

    @Override
    public String toString() {
        return "mape(lower_bound=" + lowerBound + ")";
    }
}
