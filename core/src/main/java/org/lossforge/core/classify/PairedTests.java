package org.lossforge.core.classify;

import java.util.Arrays;

/**
 * Paired comparisons of two losses trained with the same seeds: the paired t-test (two-sided, Student's t CDF through
 * the regularized incomplete beta function) and the Wilcoxon signed-rank test (two-sided, exact by enumerating the
 * 2ⁿ sign patterns up to n = 24, normal approximation with tie correction beyond). No tables, no dependency.
 */
public final class PairedTests {

    private static final int EXACT_WILCOXON_MAX_N = 24;

    private PairedTests() {
    }

    /** Arithmetic mean; NaN for no values. */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation (n − 1); NaN for fewer than 2 values. */
    public static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /**
     * Paired t-test of a − b: n pairs, mean and sd of the differences, t = mean/(sd/√n), df = n − 1, two-sided p.
     * Identical differences (sd 0) give p = 1 when they are 0 and p = 0 otherwise (t = ±∞).
     */
    public record TTest(int n, double meanDiff, double sdDiff, double t, int df, double p) {
    }

    public static TTest pairedT(double[] a, double[] b) {
        double[] d = diffs(a, b);
        int n = d.length;
        if (n < 2) {
            throw new IllegalArgumentException("a paired t-test needs at least 2 pairs, got " + n);
        }
        double m = mean(d);
        double s = sd(d);
        double t;
        double p;
        if (s == 0) {
            t = m == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, m);
            p = m == 0 ? 1 : 0;
        } else {
            t = m / (s / Math.sqrt(n));
            p = 2 * studentTUpperTail(Math.abs(t), n - 1);
        }
        return new TTest(n, m, s, t, n - 1, Math.min(1, p));
    }

    /**
     * Wilcoxon signed-rank test of a − b: zero differences are dropped (Wilcoxon's method), tied |d| get average
     * ranks; W+ is the rank sum of the positive differences; p is two-sided, {@code exact} when enumerated.
     */
    public record Wilcoxon(int n, int zeros, double wPlus, double p, boolean exact) {
    }

    public static Wilcoxon wilcoxon(double[] a, double[] b) {
        double[] all = diffs(a, b);
        double[] d = Arrays.stream(all).filter(v -> v != 0).toArray();
        int zeros = all.length - d.length;
        int n = d.length;
        if (n == 0) {
            return new Wilcoxon(0, zeros, 0, 1, true);
        }
        double[] ranks = averageRanks(Arrays.stream(d).map(Math::abs).toArray());
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                wPlus += ranks[i];
            }
        }
        double total = n * (n + 1) / 2.0;
        double mu = total / 2;
        if (n <= EXACT_WILCOXON_MAX_N) {
            // P(|W+ − μ| ≥ |w − μ|) over all 2ⁿ equally likely sign patterns; ranks doubled to stay integral
            int[] r2 = new int[n];
            for (int i = 0; i < n; i++) {
                r2[i] = (int) Math.round(2 * ranks[i]);
            }
            int sum2 = Arrays.stream(r2).sum();
            long[] count = new long[sum2 + 1];
            count[0] = 1;
            for (int r : r2) {
                for (int s = sum2; s >= r; s--) {
                    count[s] += count[s - r];
                }
            }
            double dev = Math.abs(2 * wPlus - sum2 / 2.0);
            long extreme = 0;
            for (int s = 0; s <= sum2; s++) {
                if (Math.abs(s - sum2 / 2.0) >= dev - 1e-9) {
                    extreme += count[s];
                }
            }
            return new Wilcoxon(n, zeros, wPlus, Math.min(1, extreme / Math.pow(2, n)), true);
        }
        // normal approximation with the tie correction, with continuity correction
        double var = n * (n + 1) * (2 * n + 1) / 24.0;
        double[] sorted = Arrays.stream(d).map(Math::abs).sorted().toArray();
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            int t = j - i;
            var -= (t * t * t - t) / 48.0;
            i = j;
        }
        double z = (Math.abs(wPlus - mu) - 0.5) / Math.sqrt(var);
        return new Wilcoxon(n, zeros, wPlus, Math.min(1, 2 * normalUpperTail(Math.max(0, z))), false);
    }

    private static double[] diffs(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("pair " + i + " is not finite: " + a[i] + ", " + b[i]);
            }
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** Ranks 1…n of the values, ties sharing their average rank. */
    static double[] averageRanks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && v[order[j]] == v[order[i]]) {
                j++;
            }
            double avg = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                r[order[k]] = avg;
            }
            i = j;
        }
        return r;
    }

    /** P(T > t) for t ≥ 0 and df degrees of freedom: ½·I_x(df/2, ½) with x = df/(df + t²). */
    public static double studentTUpperTail(double t, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        }
        if (t < 0) {
            return 1 - studentTUpperTail(-t, df);
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return 0.5 * regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** P(Z > z) for a standard normal Z. */
    static double normalUpperTail(double z) {
        // Φ̄(z) = ½·Q(½, z²/2), Q the regularized upper incomplete gamma function
        return z < 0 ? 1 - normalUpperTail(-z) : 0.5 * upperIncompleteGammaQ(0.5, z * z / 2);
    }

    /** The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1, a, b > 0 (continued fraction, modified Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * betaFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }

    /** Q(a, x) = Γ(a, x)/Γ(a): series for x < a + 1, continued fraction beyond. */
    private static double upperIncompleteGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double lnFront = a * Math.log(x) - x - logGamma(a);
        if (x < a + 1) {
            double sum = 1 / a;
            double term = sum;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                    break;
                }
            }
            return 1 - Math.exp(lnFront) * sum;
        }
        final double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnFront) * h;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

    /** ln Γ(z), z > 0 (Lanczos, g = 7, 9 terms). */
    static double logGamma(double z) {
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        z -= 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
