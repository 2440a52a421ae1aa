package org.lossforge.core.classify;

import ai.djl.ndarray.NDArray;

/**
 * A classification loss as the NLFS search sees it (nlfs-paper.md §1.4): {@code yhat}, the network's softmax
 * probabilities of shape (B, K), and {@code y}, the one-hot targets of the same shape and dtype, give one scalar
 * NDArray (the mean over the batch) that autograd differentiates with respect to {@code yhat}.
 *
 * <p>The argument order is that of the loss cell's {@code NlfsLoss.evaluate(yhat, y)}, so a
 * cell plugs in as a method reference: {@code ClassificationLoss l = nlfsLoss::evaluate}.
 *
 * <p>Implementations must not use DJL's {@code op(Number)} overloads on values that carry a gradient (their scalar
 * is freed before backward; see the loss package's DESIGN.md); create scalars on {@code yhat}'s manager instead.
 * A loss may return NaN or throw: the surrogate turns that into a failed result, not a crash.
 */
@FunctionalInterface
public interface ClassificationLoss {

    /** The loss (a scalar, mean over the batch) of probabilities {@code yhat} against one-hot {@code y}. */
    NDArray evaluate(NDArray yhat, NDArray y);
}
