package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Pairwise logistic ranking loss (ReNAS): {@code L = (1/|P|) Σ_{(i,j)∈P} softplus(−(ŷ_i − ŷ_j))}, ties
 * excluded, 0 for a row with no pair. softplus is computed stably (see {@link LossOps#softplus}). No constants.
 */
public final class LogisticRanking implements PredictorLoss {

    @Override
    public String name() {
        return "lr";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        NDArray y = LossOps.labels(pred, truth);
        NDArray better = LossOps.betterMask(y, pred.getDataType());
        NDArray sp = LossOps.softplus(LossOps.pairDiff(pred).neg());
        return sp.mul(better).sum(new int[] {1, 2}).div(LossOps.pairCountAtLeastOne(better));
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "lr";
    }
}
