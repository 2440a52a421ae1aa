package org.lossforge.core.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The two baselines of the authors' final test (nlfs-paper.md §3.3, [C4]), written against
 * {@link ClassificationLoss} so the surrogate works without the loss cell.
 *
 * <ul>
 *   <li><b>Cross-entropy</b> as Keras' {@code CategoricalCrossentropy} on probabilities computes it:
 *       {@code −Σ_c y·ln(clip(ŷ, ε, 1 − ε))}, mean over the batch, ε = 1e-7. Where the true class has
 *       probability ≥ ε this is exactly the softmax cross-entropy of the logits (DJL's
 *       {@code SoftmaxCrossEntropyLoss} agrees within float rounding); below ε the gradient is cut, as in Keras.
 *       In the cell syntax the nearest loss is {@code -(y * ln(|yhat|))}, which differs by the ε inside the log
 *       (at most ε/p_true per sample).</li>
 *   <li><b>Baikal</b> (Gonzalez & Miikkulainen) as the authors implement it: {@code −Σ_c (ln(ŷ + ε) − y/(ŷ + ε))},
 *       mean over the batch: exactly the cell {@code -(ln(|yhat|) - y / yhat)} (ŷ ≥ 0, so |ŷ| = ŷ).</li>
 * </ul>
 */
public final class Baselines {

    /** ε of the protected log and division (Keras' {@code backend.epsilon()}). */
    public static final double EPS = 1e-7;

    /** The cell-syntax expression of cross-entropy. */
    public static final String CE_EXPRESSION = "-(y * ln(|yhat|))";
    /** The cell-syntax expression of Baikal. */
    public static final String BAIKAL_EXPRESSION = "-(ln(|yhat|) - y / yhat)";

    private Baselines() {
    }

    public static NamedLoss crossEntropy() {
        return new NamedLoss("cross-entropy", CE_EXPRESSION, Baselines::crossEntropy);
    }

    public static NamedLoss baikal() {
        return new NamedLoss("Baikal", BAIKAL_EXPRESSION, Baselines::baikal);
    }

    /** Keras-style categorical cross-entropy on probabilities (clip to [ε, 1 − ε], then −Σ y ln ŷ, batch mean). */
    public static NDArray crossEntropy(NDArray yhat, NDArray y) {
        // clip(Number, Number) passes the bounds to the engine as scalars, not as arrays: safe under autograd
        NDArray p = yhat.clip(EPS, 1 - EPS);
        return labels(yhat, y).mul(p.log()).sum(new int[] {-1}).neg().mean();
    }

    /** Baikal: −Σ (ln(ŷ + ε) − y/(ŷ + ε)), batch mean. */
    public static NDArray baikal(NDArray yhat, NDArray y) {
        NDArray eps = scalar(yhat, EPS);
        NDArray lnp = yhat.abs().add(eps).log();
        NDArray ratio = labels(yhat, y).div(yhat.add(eps));
        return lnp.sub(ratio).sum(new int[] {-1}).neg().mean();
    }

    /** A scalar of {@code like}'s dtype owned by its manager (lives as long as the step's arrays). */
    static NDArray scalar(NDArray like, double v) {
        NDArray s = like.getDataType() == DataType.FLOAT64 ? like.getManager().create(v) : like.getManager().create((float) v);
        return s.getDataType() == like.getDataType() ? s : s.toType(like.getDataType(), false);
    }

    private static NDArray labels(NDArray yhat, NDArray y) {
        return (y.getDataType() == yhat.getDataType() ? y : y.toType(yhat.getDataType(), false)).stopGradient();
    }
}
