package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Package-private NDArray building blocks shared by the losses (shape checks, pair tensors, a smooth and
 * stable softplus, detached read-back). Every tensor built here keeps the dtype of {@code pred}, so the
 * losses work unchanged in float32 and float64.
 */
final class LossOps {

    private LossOps() {
    }

    /** Fails unless pred and truth are both (S, n) with the same shape. */
    static void checkShapes(NDArray pred, NDArray truth) {
        Shape ps = pred.getShape();
        Shape ts = truth.getShape();
        if (ps.dimension() != 2 || !ps.equals(ts)) {
            throw new IllegalArgumentException("pred and truth must both have shape (S, n); got pred " + ps
                    + " and truth " + ts);
        }
    }

    /** Truth cast to pred's dtype, detached (labels never carry gradient). */
    static NDArray labels(NDArray pred, NDArray truth) {
        NDArray t = truth.getDataType() == pred.getDataType() ? truth : truth.toType(pred.getDataType(), false);
        return t.stopGradient();
    }

    /** d[s,i,j] = a[s,i] − a[s,j], shape (S, n, n). */
    static NDArray pairDiff(NDArray a) {
        return a.expandDims(2).sub(a.expandDims(1));
    }

    /** m[s,i,j] = 1 if y[s,i] > y[s,j] (strict: ties excluded) else 0, in {@code dtype}; no gradient. */
    static NDArray betterMask(NDArray truth, DataType dtype) {
        return truth.expandDims(2).gt(truth.expandDims(1)).toType(dtype, false);
    }

    /**
     * A scalar of {@code like}'s dtype, owned by {@code like}'s manager. Use it instead of DJL's
     * {@code op(Number)} overloads on any value that carries a gradient: those create a temporary scalar
     * array and close it right after the op, but autograd keeps a reference for the backward pass, and the
     * scalar's memory (a Java direct buffer) may be freed and reused before {@code backward()} runs —
     * silently wrong gradients or NaN. An array held by the manager lives until the step ends.
     */
    static NDArray scalar(NDArray like, double v) {
        return like.getDataType() == DataType.FLOAT64 ? like.getManager().create(v)
                : like.getManager().create((float) v).toType(like.getDataType(), false);
    }

    /** Per-row count of the ones in a (S, n, n) mask, clamped below at 1 (a row with no pair divides by 1). */
    static NDArray pairCountAtLeastOne(NDArray mask) {
        return mask.sum(new int[] {1, 2}).maximum(1);
    }

    /**
     * softplus(z) = log(1 + e^z), computed as max(z, 0) + log(1 + exp(−|z|)) but written as
     * {@code p·z + log(1 + exp((1 − 2p)·z))} with the detached indicator {@code p = [z > 0]}: the same value,
     * the exponent is never positive (no overflow), and the gradient is the exact σ(z) everywhere; at z = 0
     * it does not rely on the engine's subgradient conventions for max and abs (PyTorch happens to give 0.5).
     * DJL has no log1p, so log(1 + x) with x ∈ (0, 1] is used; its absolute error is below one ulp of 1.
     */
    static NDArray softplus(NDArray z) {
        NDArray p = z.gt(0).toType(z.getDataType(), false);
        NDArray signedZ = p.mul(-2).add(1).mul(z); // −|z|
        return p.mul(z).add(signedZ.exp().add(1).log());
    }

    /** The values of a 2-D array as double[rows][cols], detached. */
    static double[][] rows(NDArray a) {
        Shape s = a.getShape();
        int r = Math.toIntExact(s.get(0));
        int c = Math.toIntExact(s.get(1));
        double[] flat = a.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /** A (rows, cols) constant of the given dtype holding {@code values} (row-major). */
    static NDArray constant(NDArray like, double[] values, long rows, long cols) {
        NDArray c = like.getManager().create(values, new Shape(rows, cols));
        return like.getDataType() == DataType.FLOAT64 ? c : c.toType(like.getDataType(), false);
    }

    static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + v);
        }
    }
}
