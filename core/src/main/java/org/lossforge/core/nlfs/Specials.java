package org.lossforge.core.nlfs;

/**
 * Special functions that neither {@code java.lang.Math} nor DJL's {@code NDArray} provide, in double precision,
 * with the derivatives autograd needs. No tabulated coefficients: every function is a convergent series or
 * continued fraction summed to a relative 1e-17 (accuracy checked in {@code SpecialsTest} against
 * Abramowitz &amp; Stegun values; about 1e-15 relative in the worst place, erfc near x = 1).
 *
 * <ul>
 *   <li>erf, |x| &lt; 2: erf x = (2/√π) e^{−x²} Σ_{n≥0} 2ⁿ x^{2n+1} / (1·3···(2n+1)) (A&amp;S 7.1.6; positive
 *       terms, no cancellation). |x| ≥ 2: 1 − erfc |x|.</li>
 *   <li>erfc, x &lt; 1: 1 − erf x (erfc ≥ 0.157 there, so no significant digits are lost). x ≥ 1: the even
 *       contraction of Laplace's continued fraction (A&amp;S 7.1.14),
 *       erfc x = (2x e^{−x²}/√π) / (2x²+1 − 1·2/(2x²+5 − 3·4/(2x²+9 − …))), by the modified Lentz method.</li>
 *   <li>I0, I1, |x| ≤ 20: the power series Σ (x²/4)^k / (k!(k+ν)!) · (x/2)^ν (A&amp;S 9.6.10). |x| &gt; 20: the
 *       asymptotic expansion e^{x}/√(2πx) Σ (−1)^k a_k(ν)/x^k (A&amp;S 9.7.1), cut at its smallest term
 *       (below 1e-17 relative for x &gt; 20). The e^{−|x|}-scaled forms use the same sums without overflow.</li>
 * </ul>
 */
public final class Specials {

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double TINY = 1e-300;
    private static final double SERIES_LIMIT = 20;

    private Specials() {
    }

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double v = ax < 2 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
        return x < 0 ? -v : v;
    }

    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        return x < 1 ? 1 - erf(x) : erfcContinuedFraction(x);
    }

    /** d erf / dx = (2/√π) e^{−x²}; d erfc / dx is its negative. */
    public static double erfDerivative(double x) {
        return TWO_OVER_SQRT_PI * Math.exp(-x * x);
    }

    private static double erfSeries(double ax) {
        double x2 = 2 * ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 0; n < 200 && term > 1e-17 * sum; n++) {
            term *= x2 / (2 * n + 3);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum;
    }

    /** erfc(x) for x ≥ 1; 0 beyond 27.3 (where it underflows anyway). */
    private static double erfcContinuedFraction(double x) {
        if (x > 27.3) {
            return 0;
        }
        double base = 2 * x * x + 1;
        double f = base;
        double c = f;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = -(2.0 * n - 1) * (2.0 * n);
            double b = base + 4.0 * n;
            d = b + a * d;
            d = 1 / (d == 0 ? TINY : d);
            c = b + a / c;
            if (c == 0) {
                c = TINY;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 2 * x * Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    public static double i0(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x) || ax == Double.POSITIVE_INFINITY) {
            return ax;
        }
        return ax <= SERIES_LIMIT ? besselSeries(0, ax) : Math.exp(ax) * besselAsymptoticScaled(0, ax);
    }

    public static double i1(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x) || ax == Double.POSITIVE_INFINITY) {
            return x;
        }
        double v = ax <= SERIES_LIMIT ? besselSeries(1, ax) : Math.exp(ax) * besselAsymptoticScaled(1, ax);
        return x < 0 ? -v : v;
    }

    public static double i0e(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return ax <= SERIES_LIMIT ? Math.exp(-ax) * besselSeries(0, ax) : besselAsymptoticScaled(0, ax);
    }

    public static double i1e(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax == Double.POSITIVE_INFINITY) {
            return x < 0 ? -0.0 : 0.0;
        }
        double v = ax <= SERIES_LIMIT ? Math.exp(-ax) * besselSeries(1, ax) : besselAsymptoticScaled(1, ax);
        return x < 0 ? -v : v;
    }

    /** I0' = I1. */
    public static double i0Derivative(double x) {
        return i1(x);
    }

    /** I1' = I0 − I1/x, and 1/2 at x = 0. */
    public static double i1Derivative(double x) {
        return x == 0 ? 0.5 : i0(x) - i1(x) / x;
    }

    /** (e^{−|x|} I0)' = I1e − sign(x)·I0e (0 at the kink x = 0, as PyTorch's i0e). */
    public static double i0eDerivative(double x) {
        return i1e(x) - Math.signum(x) * i0e(x);
    }

    /** (e^{−|x|} I1)' = I0e − I1e/x − sign(x)·I1e, and 1/2 at x = 0. */
    public static double i1eDerivative(double x) {
        if (x == 0) {
            return 0.5;
        }
        double i1e = i1e(x);
        return i0e(x) - i1e / x - Math.signum(x) * i1e;
    }

    /** Σ_k (x²/4)^k (x/2)^ν / (k!(k+ν)!) for ν ∈ {0, 1}, x ≥ 0. */
    private static double besselSeries(int nu, double x) {
        double q = x * x / 4;
        double term = nu == 0 ? 1 : x / 2;
        double sum = term;
        for (int k = 1; k < 500 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * (k + nu));
            sum += term;
        }
        return sum;
    }

    /** e^{−x} I_ν(x) ≈ (2πx)^{−1/2} Σ_k (−1)^k Π_{j≤k}(4ν² − (2j−1)²) / (k! (8x)^k), cut at the smallest term. */
    private static double besselAsymptoticScaled(int nu, double x) {
        double mu = 4.0 * nu * nu;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double odd = 2.0 * k - 1;
            double next = -term * (mu - odd * odd) / (8.0 * k * x);
            if (Math.abs(next) >= Math.abs(term)) {
                break;
            }
            term = next;
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return sum / Math.sqrt(2 * Math.PI * x);
    }

    /** asinh x = sign(x)·log1p(|x| + x²/(1 + √(1 + x²))), and sign(x)·(ln|x| + ln 2) for |x| &gt; 1e8. */
    public static double asinh(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x) || ax == Double.POSITIVE_INFINITY) {
            return x;
        }
        double v = ax > 1e8 ? Math.log(ax) + Math.log(2) : Math.log1p(ax + ax * ax / (1 + Math.sqrt(1 + ax * ax)));
        return x < 0 ? -v : v;
    }
}
