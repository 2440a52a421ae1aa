package org.lossforge.core.metrics;

/**
 * Kendall's τ_b, as {@code scipy.stats.kendalltau(truth, pred)} (variant 'b'):
 *
 * <pre>
 *   τ_b = (C − D) / sqrt((C + D + T_x) · (C + D + T_y))
 * </pre>
 *
 * over all n(n−1)/2 pairs, where C / D count concordant / discordant pairs, T_x pairs tied in truth only and
 * T_y pairs tied in pred only. <b>Ties:</b> a pair tied in truth, in pred or in both is neither concordant nor
 * discordant; pairs tied in both sides appear in neither T_x nor T_y. Values are compared with {@code ==}, so
 * {@code -0.0} ties with {@code 0.0}.
 *
 * <p><b>Constant input:</b> if truth or pred is constant (including n = 1) τ_b is 0/0; scipy returns NaN, this
 * class throws {@link IllegalArgumentException} ("truth is constant") so that an undefined value never slips
 * into a report silently.
 *
 * <p>O(n log n) by Knight's algorithm: sort indices by (truth, pred); count x-ties n1 and joint ties n3 on
 * runs; merge-sort the pred values in that order, counting swaps (= D); count y-ties n2 on the sorted pred.
 * With n0 = n(n−1)/2: C − D = n0 − n1 − n2 + n3 − 2·swaps, C + D + T_x = n0 − n2, C + D + T_y = n0 − n1.
 * All counts are {@code long} (n = 423,624 gives ~9·10^10 pairs).
 */
public final class KendallTauB implements RankingMetric {

    @Override
    public String name() {
        return "kendall_tau_b";
    }

    @Override
    public double compute(double[] truth, double[] pred) {
        return of(truth, pred);
    }

    /** Static form of {@link #compute(double[], double[])}. */
    public static double of(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        final double[] x = truth;
        final double[] y = pred;
        int n = x.length;
        long n0 = (long) n * (n - 1) / 2;

        int[] order = Ranks.sortIndices(n, (i, j) -> {
            if (x[i] < x[j]) {
                return -1;
            }
            if (x[i] > x[j]) {
                return 1;
            }
            return y[i] < y[j] ? -1 : (y[i] > y[j] ? 1 : 0);
        });

        // x-ties (n1) and joint ties (n3), counted on runs of the (x, y) order
        long n1 = 0;
        long n3 = 0;
        int p = 0;
        while (p < n) {
            int q = p + 1;
            while (q < n && x[order[q]] == x[order[p]]) {
                q++;
            }
            n1 += pairs(q - p);
            int r = p;
            while (r < q) {
                int s = r + 1;
                while (s < q && y[order[s]] == y[order[r]]) {
                    s++;
                }
                n3 += pairs(s - r);
                r = s;
            }
            p = q;
        }

        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = y[order[i]];
        }
        long swaps = sortCountingInversions(ys);

        long n2 = 0;
        p = 0;
        while (p < n) {
            int q = p + 1;
            while (q < n && ys[q] == ys[p]) {
                q++;
            }
            n2 += pairs(q - p);
            p = q;
        }

        if (n0 - n1 == 0) {
            throw new IllegalArgumentException("Kendall tau-b is undefined: truth is constant"
                    + (n == 1 ? " (only 1 architecture)" : ""));
        }
        if (n0 - n2 == 0) {
            throw new IllegalArgumentException("Kendall tau-b is undefined: pred is constant");
        }
        long cMinusD = n0 - n1 - n2 + n3 - 2 * swaps;
        // same operation order as scipy: (C-D) / sqrt(tot - xtie) / sqrt(tot - ytie)
        double tau = cMinusD / Math.sqrt((double) (n0 - n1)) / Math.sqrt((double) (n0 - n2));
        return Math.max(-1.0, Math.min(1.0, tau));
    }

    private static long pairs(int t) {
        return (long) t * (t - 1) / 2;
    }

    /**
     * Sorts {@code a} ascending (bottom-up merge sort) and returns the number of pairs i &lt; j with
     * a[i] &gt; a[j] strictly, i.e. the number of adjacent swaps a bubble sort would make.
     */
    static long sortCountingInversions(double[] a) {
        int n = a.length;
        long swaps = 0;
        final int run = 32;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(lo + run, n);
            for (int i = lo + 1; i < hi; i++) {
                double v = a[i];
                int j = i - 1;
                while (j >= lo && a[j] > v) {
                    a[j + 1] = a[j];
                    j--;
                    swaps++;
                }
                a[j + 1] = v;
            }
        }
        double[] src = a;
        double[] dst = new double[n];
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    if (src[j] < src[i]) {
                        swaps += mid - i; // src[j] jumps over every remaining left element
                        dst[k++] = src[j++];
                    } else {
                        dst[k++] = src[i++];
                    }
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
        return swaps;
    }
}
