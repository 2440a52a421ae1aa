package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Pairwise hinge ranking loss (GATES): {@code L = (1/|P|) Σ_{(i,j)∈P} max(0, m − (ŷ_i − ŷ_j))} with
 * {@code P = {(i,j): y_i > y_j}} (ties excluded). A row with no pair has loss 0. Margin m defaults to 0.1
 * on z-scored labels (the PWLNAS NB201 preset uses m = 0.01 on UNIT labels).
 */
public final class HingeRanking implements PredictorLoss {

    public static final double DEFAULT_MARGIN = 0.1;

    private final double margin;

    public HingeRanking() {
        this(DEFAULT_MARGIN);
    }

    public HingeRanking(double margin) {
        LossOps.requireFinite("hr margin", margin);
        this.margin = margin;
    }

    public double margin() {
        return margin;
    }

    @Override
    public String name() {
        return "hr";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        NDArray y = LossOps.labels(pred, truth);
        NDArray better = LossOps.betterMask(y, pred.getDataType());
        NDArray hinge = ai.djl.nn.Activation.relu(LossOps.pairDiff(pred).neg().add(margin));
        return hinge.mul(better).sum(new int[] {1, 2}).div(LossOps.pairCountAtLeastOne(better));
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "hr(margin=" + margin + ")";
    }
}
