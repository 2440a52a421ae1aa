package org.lossforge.core.predictor;

import org.lossforge.core.loss.LabelScale;

/** Puts raw benchmark truth on a loss's {@link LabelScale}, each row (seed) with its own statistics. */
public final class LabelTransform {
    private LabelTransform() {}

    /**
     * @param percent whether the raw metric is a percentage (then {@link LabelScale#UNIT} divides by 100)
     */
    public static double[][] apply(LabelScale scale, double[][] raw, boolean percent) {
        double[][] out = new double[raw.length][];
        for (int s = 0; s < raw.length; s++) {
            out[s] = row(scale, raw[s], percent);
        }
        return out;
    }

    static double[] row(LabelScale scale, double[] y, boolean percent) {
        int n = y.length;
        double[] out = new double[n];
        switch (scale) {
            case ZSCORE -> {
                double mean = 0;
                for (double v : y) {
                    mean += v;
                }
                mean /= n;
                double var = 0;
                for (double v : y) {
                    var += (v - mean) * (v - mean);
                }
                double std = Math.sqrt(var / n);
                if (std == 0) {
                    std = 1;
                }
                for (int i = 0; i < n; i++) {
                    out[i] = (y[i] - mean) / std;
                }
            }
            case UNIT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = percent ? y[i] / 100.0 : y[i];
                    if (out[i] < 0 || out[i] > 1) {
                        throw new IllegalArgumentException("label " + y[i] + " is not in [0,1] after the UNIT transform;"
                                + " use the minmax label scale for this metric");
                    }
                }
            }
            case MINMAX -> {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : y) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                for (int i = 0; i < n; i++) {
                    out[i] = hi > lo ? (y[i] - lo) / (hi - lo) : 0;
                }
            }
        }
        return out;
    }
}
