package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Mean squared error: {@code L = (1/n) Σ_i (ŷ_i − y_i)²}. Labels z-scored. No constants.
 */
public final class Mse implements PredictorLoss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        NDArray y = LossOps.labels(pred, truth);
        return pred.sub(y).square().mean(new int[] {1});
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "mse";
    }
}
