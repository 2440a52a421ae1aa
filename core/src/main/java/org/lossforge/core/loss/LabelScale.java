package org.lossforge.core.loss;

/**
 * How raw benchmark truth (percent accuracy, SSIM, ...) is mapped to training labels.
 * Statistics (mean, std, min, max) are always those of the training labels of one row (one seed).
 */
public enum LabelScale {
    /** (y − mean) / std of the training labels; std 0 is treated as 1. */
    ZSCORE,
    /** Fraction in [0,1]: a percent metric divided by 100, a metric already in [0,1] unchanged. */
    UNIT,
    /** (y − min) / (max − min) of the training labels; max == min maps to 0. */
    MINMAX
}
