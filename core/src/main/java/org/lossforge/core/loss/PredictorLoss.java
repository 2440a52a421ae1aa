package org.lossforge.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * A predictor training loss on DJL NDArrays (autograd flows through {@code pred}).
 *
 * <p>Batched over independent lists: {@code pred} and {@code truth} have shape {@code (S, n)}, one row
 * per list (in seed-batched training one row per seed). The result has shape {@code (S)}: the loss of
 * each row, computed exactly as if that row were evaluated alone. Rows never interact, so summing the
 * result and back-propagating gives every row the gradient of its own loss.
 *
 * <p>{@code truth} holds labels already on {@link #labelScale()}; it never carries a gradient.
 * Works in float32 and float64.
 */
public interface PredictorLoss {

    /** Registry name: mse, hr, lr, mse_sr, listmle, ew, mape, warp, pw. */
    String name();

    /** Per-row loss, shape (S). */
    NDArray evaluate(NDArray pred, NDArray truth, LossContext ctx);

    /** The scale the labels must be on for this loss's constants to mean what they say. */
    LabelScale labelScale();
}
