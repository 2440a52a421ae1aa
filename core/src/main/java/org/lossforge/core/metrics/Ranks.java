package org.lossforge.core.metrics;

import java.util.function.IntBinaryOperator;

/**
 * Shared ordering code for the ranking metrics: input validation, a stable primitive merge sort of indices,
 * the descending order with index tie-break, average ranks and competition ("min") ranks.
 *
 * <p>Values are compared with the primitive operators {@code <}, {@code >}, so {@code -0.0} and {@code 0.0}
 * count as tied. Inputs are validated first, so no NaN ever reaches a comparison.
 */
public final class Ranks {

    /** Below this length a run is sorted by insertion sort before merging. */
    private static final int RUN = 32;

    private Ranks() {
    }

    /**
     * Checks the metric convention: same non-zero length, every value finite.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    public static void requireValid(double[] truth, double[] pred) {
        if (truth == null || pred == null) {
            throw new IllegalArgumentException("truth and pred must not be null");
        }
        if (truth.length != pred.length) {
            throw new IllegalArgumentException(
                    "length mismatch: truth has " + truth.length + " values but pred has " + pred.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("empty input: truth and pred have no values");
        }
        requireFinite("truth", truth);
        requireFinite("pred", pred);
    }

    /** Throws {@link IllegalArgumentException} naming the first NaN or infinite entry of {@code v}. */
    public static void requireFinite(String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + (Double.isNaN(v[i]) ? "NaN" : "infinite")
                        + "; every value must be finite");
            }
        }
    }

    /**
     * Indices {@code 0..n-1} in the order given by {@code cmp} (negative = first argument comes first).
     * The sort is stable, so indices that {@code cmp} calls equal stay in increasing index order.
     * O(n log n), primitive arrays only.
     */
    public static int[] sortIndices(int n, IntBinaryOperator cmp) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && cmp.applyAsInt(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        int[] b = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // take from the right only when strictly smaller: keeps the sort stable
                    b[k++] = cmp.applyAsInt(a[j], a[i]) < 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * Indices sorted by {@code v} descending (best first); tied values are ordered by lower index first.
     * This is the one ordering every top-K / top-T% metric uses.
     */
    public static int[] descendingOrder(double[] v) {
        return sortIndices(v.length, (i, j) -> v[i] > v[j] ? -1 : (v[i] < v[j] ? 1 : 0));
    }

    /**
     * Average ranks in descending direction: rank 1 is the largest value; a group of t tied values occupying
     * positions p+1..p+t of {@code desc} all get (2p + t + 1)/2, the mean of those ranks (scipy's
     * {@code rankdata(method='average')}, mirrored; the mirror does not change any correlation).
     *
     * @param desc {@link #descendingOrder(double[])} of {@code v}
     */
    public static double[] averageRanks(double[] v, int[] desc) {
        int n = v.length;
        double[] r = new double[n];
        int p = 0;
        while (p < n) {
            int q = p + 1;
            while (q < n && v[desc[q]] == v[desc[p]]) {
                q++;
            }
            double avg = (p + 1 + q) / 2.0; // mean of ranks p+1..q
            for (int s = p; s < q; s++) {
                r[desc[s]] = avg;
            }
            p = q;
        }
        return r;
    }

    /** {@link #averageRanks(double[], int[])} computing the order itself. */
    public static double[] averageRanks(double[] v) {
        return averageRanks(v, descendingOrder(v));
    }

    /**
     * Competition ranks: {@code rank(i) = 1 + #{j : v[j] > v[i]}}. Tied values share the better (smaller)
     * rank; the best value has rank 1.
     *
     * @param desc {@link #descendingOrder(double[])} of {@code v}
     */
    public static int[] competitionRanks(double[] v, int[] desc) {
        int n = v.length;
        int[] r = new int[n];
        int p = 0;
        while (p < n) {
            int q = p + 1;
            while (q < n && v[desc[q]] == v[desc[p]]) {
                q++;
            }
            for (int s = p; s < q; s++) {
                r[desc[s]] = p + 1;
            }
            p = q;
        }
        return r;
    }

    /** Checks {@code 1 <= k <= n} for a top-K metric. */
    static void requireK(String metric, int k, int n) {
        if (k < 1) {
            throw new IllegalArgumentException(metric + ": K must be >= 1, got " + k);
        }
        if (k > n) {
            throw new IllegalArgumentException(metric + ": K = " + k + " exceeds the number of architectures n = " + n);
        }
    }
}
