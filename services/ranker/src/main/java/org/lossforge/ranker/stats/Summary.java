package org.lossforge.ranker.stats;

/**
 * Summary of one metric over the successful seeds of a configuration: the fields of the schemas' {@code MetricStats}
 * plus {@code n}.
 *
 * <ul>
 *   <li>{@code mean}: arithmetic mean (two-pass: the sum, then a correction pass, so large offsets do not cost precision);</li>
 *   <li>{@code std}: sample standard deviation with {@code n - 1} in the denominator; 0 for one value;</li>
 *   <li>{@code ci95Low/High}: {@code mean ∓ t(0.975, n-1) · std / sqrt(n)}, Student's t with {@code n - 1} degrees of
 *       freedom ({@link StudentT#t975}); equal to the mean for one value;</li>
 *   <li>{@code min}, {@code max}.</li>
 * </ul>
 * With no values every field is NaN. Non-finite inputs are not values: {@link #of} skips NaN and ±∞ (a FAILED trial's
 * metrics are NaN by convention), so {@code n} counts the finite values only.
 */
public record Summary(int n, double mean, double std, double ci95Low, double ci95High, double min, double max) {

    public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * The moments of a metric's finite values: their count, mean, sum of squared deviations from the mean, min and max
     * (what a running aggregate keeps instead of the values).
     */
    public record Moments(int n, double mean, double m2, double min, double max) {

        /** The summary these moments give ({@link #fromMoments}). */
        public Summary summary() {
            return fromMoments(n, mean, m2, min, max);
        }
    }

    /** Summary of the finite values among {@code values}. */
    public static Summary of(double... values) {
        return moments(values).summary();
    }

    /** The moments of the finite values among {@code values}, two-pass (n 0: mean and m2 0, min +∞, max -∞). */
    public static Moments moments(double... values) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n <= 1) {
            return new Moments(n, n == 0 ? 0 : sum, 0, min, max);
        }
        double mean = sum / n;
        double correction = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                correction += v - mean;
            }
        }
        mean += correction / n;
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                double d = v - mean;
                squares += d * d;
            }
        }
        return new Moments(n, mean, squares, min, max);
    }

    /**
     * The summary of {@code n} finite values given by their moments: mean, sum of squared deviations from it
     * ({@code m2}), min and max. The same formulas as {@link #of}; what a running (Welford) aggregate keeps instead of
     * the values.
     */
    public static Summary fromMoments(int n, double mean, double m2, double min, double max) {
        if (n <= 0) {
            return EMPTY;
        }
        if (n == 1) {
            return new Summary(1, mean, 0, mean, mean, min, max);
        }
        double std = Math.sqrt(m2 / (n - 1));
        double half = StudentT.t975(n - 1) * std / Math.sqrt(n);
        return new Summary(n, mean, std, mean - half, mean + half, min, max);
    }

    /** Half the width of the 95% interval (NaN without values). */
    public double ci95HalfWidth() {
        return (ci95High - ci95Low) / 2;
    }
}
