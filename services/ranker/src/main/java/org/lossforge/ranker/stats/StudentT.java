package org.lossforge.ranker.stats;

/**
 * Student's t distribution: the CDF through the regularized incomplete beta function, and quantiles by inverting it
 * (bisection on a bracket, then to full double precision). No tables, no approximation formula, no dependency.
 *
 * <p>{@code P(T <= t) = 1 - I_x(df/2, 1/2) / 2} for {@code t >= 0}, with {@code x = df / (df + t^2)}; symmetric for
 * {@code t < 0}. {@code I_x(a, b)} is evaluated by its continued fraction (modified Lentz), on the side of the symmetry
 * {@code I_x(a,b) = 1 - I_{1-x}(b,a)} where it converges fast; {@code ln Γ} by the Lanczos approximation
 * (g = 7, 9 terms; relative error about 1e-15).
 */
public final class StudentT {

    private StudentT() {
    }

    /** {@link #t975} of df 1 to {@value #T975_CACHED}, computed on first use (each entry is exactly quantile(0.975, df)). */
    static final int T975_CACHED = 4096;
    private static final double[] T975 = new double[T975_CACHED + 1];

    /**
     * The two-sided 95% critical value {@code t(0.975, df)}, e.g. 12.706 for df 1, 2.262 for df 9, 1.960 as df grows.
     * Every leaderboard entry needs it for each of its metrics, and inverting the incomplete beta function was a
     * quarter of the ranker's time (docs/benchmarks.md): values up to df {@value #T975_CACHED} are kept once computed.
     * A racing thread computes the same double, so the unsynchronised cache is safe.
     */
    public static double t975(int df) {
        if (df >= 1 && df <= T975_CACHED) {
            double t = T975[df];
            if (t == 0) {
                t = quantile(0.975, df);
                T975[df] = t;
            }
            return t;
        }
        return quantile(0.975, df);
    }

    /** {@code P(T <= t)} for {@code df > 0} degrees of freedom (df need not be an integer). */
    public static double cdf(double t, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        }
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1.0 : 0.0;
        }
        double x = df / (df + t * t);
        double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);   // P(T > |t|)
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** The {@code p}-quantile: the t with {@code P(T <= t) = p}, for {@code 0 < p < 1} and integer {@code df >= 1}. */
    public static double quantile(double p, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        if (p == 0.5) {
            return 0.0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        // bracket [lo, hi] with cdf(lo) < p <= cdf(hi); t(p, df) >= z(p) > 0 for p > 0.5
        double lo = 0;
        double hi = 2;
        while (cdf(hi, df) < p) {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1.0, hi); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)} for {@code 0 <= x <= 1}, {@code a, b > 0}. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a) / b;
    }

    /** Continued fraction of the incomplete beta function (modified Lentz), as in Numerical Recipes' betacf. */
    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        final double eps = 1e-16;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < tiny) {
            d = tiny;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < eps) {
                return h;
            }
        }
        return h;   // not reached for the arguments the t CDF uses; the value is still the best estimate
    }

    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};

    /** {@code ln Γ(z)} for {@code z > 0} (Lanczos, g = 7). */
    static double logGamma(double z) {
        if (z < 0.5) {
            // reflection: Γ(z) Γ(1-z) = π / sin(πz)
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
