package org.lossforge.core.loss;

import java.util.SplittableRandom;

/**
 * What a loss may know about the training run it is used in.
 *
 * @param epoch      current epoch, 0-based
 * @param epochs     total epochs of this fit
 * @param trainSize  number of training architectures per row (|D| in the search loop)
 * @param rngs       one random stream per row (seed), for losses that draw (MSE+SR's permutation);
 *                   may be null for losses that draw nothing
 */
public record LossContext(int epoch, int epochs, int trainSize, SplittableRandom[] rngs) {

    /** A context for evaluating a loss outside training (CLI, tests): epoch 0 of 1. */
    public static LossContext single(int trainSize, long seed) {
        return new LossContext(0, 1, trainSize, new SplittableRandom[] {new SplittableRandom(seed)});
    }

    /** The random stream of row {@code s}; fails clearly when the caller supplied none. */
    public SplittableRandom rng(int s) {
        if (rngs == null || s >= rngs.length) {
            throw new IllegalStateException("this loss needs one random stream per row, but the context has "
                    + (rngs == null ? "none" : rngs.length));
        }
        return rngs[s];
    }
}
