package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * Exponentially weighted MSE (GMAENAS), labels in [0,1] (UNIT), weights from the labels (no gradient):
 * <ul>
 *   <li>form "gmaenas" (default): {@code L = (1/(n(e−1))) Σ_i (e^{y_i} − 1)(ŷ_i − y_i)²};</li>
 *   <li>form "exp": {@code L = (1/n) Σ_i e^{y_i − 1}(y_i − ŷ_i)²} (the variant attributed to the PWLNAS code).</li>
 * </ul>
 */
public final class ExpWeighted implements PredictorLoss {

    public static final String DEFAULT_FORM = "gmaenas";

    private final boolean expForm;

    public ExpWeighted() {
        this(DEFAULT_FORM);
    }

    /** @param form "gmaenas" or "exp" */
    public ExpWeighted(String form) {
        if (!"gmaenas".equals(form) && !"exp".equals(form)) {
            throw new IllegalArgumentException("ew form must be gmaenas or exp, got '" + form + "'");
        }
        this.expForm = "exp".equals(form);
    }

    public String form() {
        return expForm ? "exp" : "gmaenas";
    }

    @Override
    public String name() {
        return "ew";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        NDArray y = LossOps.labels(pred, truth);
        NDArray weight = expForm ? y.sub(1).exp() : y.exp().sub(1).div(Math.E - 1);
        return weight.mul(pred.sub(y).square()).mean(new int[] {1});
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.UNIT;
    }

    @Override
    public String toString() {
        return "ew(form=" + form() + ")";
    }
}
