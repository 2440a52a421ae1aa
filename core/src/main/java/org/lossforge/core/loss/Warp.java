package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * WARP (WSABIE, Weston et al. 2011) adapted to a regression batch, exact (no sampling):
 * for each i, {@code V_i = {j : y_j < y_i and m − ŷ_i + ŷ_j > 0}}, {@code r_i = |V_i|},
 * {@code w_i = H(r_i) = Σ_{k=1..r_i} 1/k}, and
 * {@code L = (1/Z) Σ_i w_i Σ_{j∈V_i} (m − ŷ_i + ŷ_j)}.
 * V_i, r_i and w_i come from detached values (no gradient through them). Z: "pairs" (default) = |P| the
 * number of ordered pairs with y_i > y_j (at least 1), "items" = n, "none" = 1. Margin m defaults to 1.0 on
 * z-scored labels. A row with no pair has loss 0.
 */
public final class Warp implements PredictorLoss {

    public static final double DEFAULT_MARGIN = 1.0;
    public static final String DEFAULT_NORMALIZE = "pairs";

    private final double margin;
    private final String normalize;

    public Warp() {
        this(DEFAULT_MARGIN, DEFAULT_NORMALIZE);
    }

    /** @param normalize "pairs", "items" or "none" */
    public Warp(double margin, String normalize) {
        LossOps.requireFinite("warp margin", margin);
        String z = normalize == null ? "" : normalize.toLowerCase(Locale.ROOT);
        if (!z.equals("pairs") && !z.equals("items") && !z.equals("none")) {
            throw new IllegalArgumentException("warp normalize must be pairs, items or none, got '" + normalize + "'");
        }
        this.margin = margin;
        this.normalize = z;
    }

    public double margin() {
        return margin;
    }

    public String normalize() {
        return normalize;
    }

    /** H(0..n): the harmonic numbers, H(0) = 0, summed in increasing k. */
    static double[] harmonicTable(int n) {
        double[] h = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            h[k] = h[k - 1] + 1.0 / k;
        }
        return h;
    }

    @Override
    public String name() {
        return "warp";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        int rows = Math.toIntExact(pred.getShape().get(0));
        int n = Math.toIntExact(pred.getShape().get(1));
        NDArray y = LossOps.labels(pred, truth);
        NDArray better = LossOps.betterMask(y, pred.getDataType());          // [y_i > y_j]
        NDArray slack = LossOps.pairDiff(pred).neg().add(margin);             // m − ŷ_i + ŷ_j
        NDArray violating = better.mul(slack.stopGradient().gt(0).toType(pred.getDataType(), false));
        double[][] r = LossOps.rows(violating.sum(new int[] {2}));           // r_i = |V_i|
        double[] table = harmonicTable(n);
        double[] w = new double[rows * n];
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < n; i++) {
                w[s * n + i] = table[(int) Math.round(r[s][i])];
            }
        }
        NDArray weight = LossOps.constant(pred, w, rows, n);
        NDArray total = slack.mul(violating).sum(new int[] {2}).mul(weight).sum(new int[] {1});
        switch (normalize) {
            case "pairs":
                return total.div(LossOps.pairCountAtLeastOne(better));
            case "items":
                return total.div(LossOps.scalar(total, n));
            default:
                return total;
        }
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "warp(margin=" + margin + ", normalize=" + normalize + ")";
    }
}
