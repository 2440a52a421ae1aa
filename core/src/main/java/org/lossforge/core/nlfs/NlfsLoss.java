package org.lossforge.core.nlfs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A cell as a classification loss (nlfs-paper.md §1.4): y (one-hot, optionally label-smoothed
 * y·(1 − ls) + ls/K) and ŷ (softmax probabilities, not logits), per sample Σ over the K classes of the root
 * output, mean over the batch, negated when {@code flip}. On NDArrays ({@link #evaluate(NDArray, NDArray)},
 * differentiable w.r.t. ŷ, float32 or float64 following ŷ) and on plain arrays
 * ({@link #evaluate(double[][], double[][])}, float64, or float32-emulated with {@link #perSample(double[][],
 * double[][], boolean)}). Immutable.
 */
public final class NlfsLoss {

    private final Cell cell;
    private final int[] order;
    private final boolean flip;
    private final double labelSmoothing;

    /**
     * @throws IllegalArgumentException if the cell is not well-formed (a cycle, or y or ŷ unused) or
     *                                  labelSmoothing is outside [0, 1)
     */
    public NlfsLoss(Cell cell, boolean flip, double labelSmoothing) {
        String problem = cell.structuralProblem();
        if (problem != null) {
            throw new IllegalArgumentException("not a loss: " + problem);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        this.cell = cell;
        this.order = cell.evaluationOrder();
        this.flip = flip;
        this.labelSmoothing = labelSmoothing;
    }

    /** The loss of an expression, with the flip its integrity check decides and no label smoothing. */
    public static NlfsLoss of(String expression) {
        Nlfs.Checked c = Nlfs.check(expression);
        if (!c.valid()) {
            throw new IllegalArgumentException("not a valid loss '" + expression + "': " + c.reason());
        }
        return new NlfsLoss(c.cell(), c.flip(), 0);
    }

    public Cell cell() {
        return cell;
    }

    public boolean flip() {
        return flip;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** Per-sample loss, shape = ŷ's shape without the last (class) axis; flip applied. */
    public NDArray perSample(NDArray yhat, NDArray y) {
        Shape s = yhat.getShape();
        if (s.dimension() < 1 || !s.equals(y.getShape())) {
            throw new IllegalArgumentException("yhat and y must have the same shape (…, K); got " + s + " and " + y.getShape());
        }
        NDArray labels = (y.getDataType() == yhat.getDataType() ? y : y.toType(yhat.getDataType(), false)).stopGradient();
        if (labelSmoothing > 0) {
            long k = s.get(s.dimension() - 1);
            labels = labels.mul(NdEvaluator.scalar(yhat, 1 - labelSmoothing))
                    .add(NdEvaluator.scalar(yhat, labelSmoothing / k));
        }
        NDArray t = new NdEvaluator(yhat).root(cell, order, labels, yhat);
        NDArray perSample = t.sum(new int[] {-1});
        return flip ? perSample.neg() : perSample;
    }

    /** The loss: mean over the batch of the per-sample loss (a scalar NDArray). */
    public NDArray evaluate(NDArray yhat, NDArray y) {
        return perSample(yhat, y).mean();
    }

    /** Per-sample loss on plain arrays [B][K]; {@code float32} rounds every primitive to float. */
    public double[] perSample(double[][] yhat, double[][] y, boolean float32) {
        int b = yhat.length;
        if (b == 0 || y.length != b) {
            throw new IllegalArgumentException("yhat and y must have the same, non-zero number of rows");
        }
        int k = yhat[0].length;
        double[] fy = new double[b * k];
        double[] fp = new double[b * k];
        for (int r = 0; r < b; r++) {
            if (yhat[r].length != k || y[r].length != k) {
                throw new IllegalArgumentException("row " + r + " of yhat or y does not have " + k + " classes");
            }
            for (int c = 0; c < k; c++) {
                double label = y[r][c];
                if (labelSmoothing > 0) {
                    label = label * (1 - labelSmoothing) + labelSmoothing / k;
                }
                fy[r * k + c] = float32 ? (float) label : label;
                fp[r * k + c] = float32 ? (float) yhat[r][c] : yhat[r][c];
            }
        }
        ArrayEvaluator ev = new ArrayEvaluator(float32);
        double[] out = ev.rowSums(ev.root(cell, order, fy, fp), b, k);
        if (flip) {
            for (int r = 0; r < b; r++) {
                out[r] = -out[r];
            }
        }
        return out;
    }

    /** The loss on plain arrays in float64. */
    public double evaluate(double[][] yhat, double[][] y) {
        double s = 0;
        double[] per = perSample(yhat, y, false);
        for (double v : per) {
            s += v;
        }
        return s / per.length;
    }

    /** Convenience for callers holding DJL data: the loss value as a double (detached). */
    public static double value(NDArray loss) {
        return loss.stopGradient().toType(DataType.FLOAT64, false).getDouble();
    }

    @Override
    public String toString() {
        return (flip ? "-[" : "") + cell.toExpr().text() + (flip ? "]" : "");
    }
}
