package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;

/**
 * ListMLE (Xia et al. 2008; DCLP): the negative Plackett–Luce log-likelihood of the true order.
 * Per row, π sorts the indices by truth descending (ties: lower index first, stable);
 * {@code L = Σ_{i=1..n} [ logsumexp_{k≥i} ŷ_π(k)/T − ŷ_π(i)/T ]}. Temperature T defaults to 1; reduction
 * "sum" over positions (DCLP, default) or "mean". Only the order of the labels matters, so the label scale
 * (ZSCORE) is irrelevant to the value.
 *
 * <p>Stability: DJL has no cumulative max / logcumsumexp, so each suffix log-sum-exp is shifted by its own
 * suffix maximum {@code c_i = max_{k≥i} z_k} (computed from detached values; the result does not depend on
 * the shift, so the gradient is exact) and evaluated as a masked (S, n, n) sum. Scores of ±1e3 stay finite.
 * Cost O(S·n²), like the pairwise losses.
 */
public final class ListMle implements PredictorLoss {

    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final String DEFAULT_REDUCTION = "sum";

    private final double temperature;
    private final boolean mean;

    public ListMle() {
        this(DEFAULT_TEMPERATURE, DEFAULT_REDUCTION);
    }

    /** @param reduction "sum" (over positions) or "mean" */
    public ListMle(double temperature, String reduction) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("listmle temperature must be a finite number > 0, got " + temperature);
        }
        if (!"sum".equals(reduction) && !"mean".equals(reduction)) {
            throw new IllegalArgumentException("listmle reduction must be sum or mean, got '" + reduction + "'");
        }
        this.temperature = temperature;
        this.mean = "mean".equals(reduction);
    }

    public double temperature() {
        return temperature;
    }

    public String reduction() {
        return mean ? "mean" : "sum";
    }

    /** Indices sorted by {@code y} descending; equal labels keep ascending index order. */
    static Integer[] descendingOrder(double[] y) {
        Integer[] idx = new Integer[y.length];
        for (int i = 0; i < y.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> y[i]).reversed()); // stable merge sort
        return idx;
    }

    @Override
    public String name() {
        return "listmle";
    }

    @Override
    public NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx) {
        LossOps.checkShapes(pred, truth);
        int rows = Math.toIntExact(pred.getShape().get(0));
        int n = Math.toIntExact(pred.getShape().get(1));
        double[][] y = LossOps.rows(truth);
        long[] perm = new long[rows * n];
        for (int s = 0; s < rows; s++) {
            Integer[] order = descendingOrder(y[s]);
            for (int i = 0; i < n; i++) {
                perm[s * n + i] = order[i];
            }
        }
        NDArray idx = pred.getManager().create(perm, new Shape(rows, n));
        NDArray z = pred.gather(idx, 1).div(LossOps.scalar(pred, temperature)); // z[s,i] = ŷ_π(i) / T

        // suffix maxima of the detached scores: c[s,i] = max_{k≥i} z[s,k]
        double[][] zv = LossOps.rows(z);
        double[] c = new double[rows * n];
        for (int s = 0; s < rows; s++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = n - 1; i >= 0; i--) {
                m = Math.max(m, zv[s][i]);
                c[s * n + i] = m;
            }
        }
        NDArray shift = LossOps.constant(pred, c, rows, n);
        // upper[i,k] = 1 for k ≥ i
        double[] u = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                u[i * n + k] = 1;
            }
        }
        NDArray upper = LossOps.constant(pred, u, n, n);
        // x[s,i,k] = z[s,k] − c[s,i] ≤ 0 for k ≥ i; masked to 0 before exp (no overflow for k < i), then
        // the exp is masked again so the k < i terms contribute nothing.
        NDArray x = z.expandDims(1).sub(shift.expandDims(2)).mul(upper);
        NDArray suffix = x.exp().mul(upper).sum(new int[] {2}); // ≥ 1: the suffix maximum contributes e^0
        NDArray perPosition = suffix.log().add(shift).sub(z);
        return mean ? perPosition.mean(new int[] {1}) : perPosition.sum(new int[] {1});
    }

    @Override
    public LabelScale labelScale() {
        return LabelScale.ZSCORE;
    }

    @Override
    public String toString() {
        return "listmle(temperature=" + temperature + ", reduction=" + reduction() + ")";
    }
}
