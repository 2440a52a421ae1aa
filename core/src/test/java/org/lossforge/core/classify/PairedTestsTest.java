package org.lossforge.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedTestsTest {

    // d = a − b = {2, 2, −1, 3, 2, 3}: mean 11/6, sd √(10.8333/5) = 1.4719601, t = 1.8333/(1.4719601/√6) = 3.0508511,
    // df 5; for odd df the t CDF has a closed form: F(t) = ½ + (θ + sinθ cosθ (1 + ⅔ cos²θ))/π, θ = atan(t/√5),
    // so p = 2(1 − F) = 0.0283967.
    private static final double[] A = {80, 82, 79, 85, 81, 83};
    private static final double[] B = {78, 80, 80, 82, 79, 80};

    @Test
    void pairedTOnHandComputedValues() {
        PairedTests.TTest t = PairedTests.pairedT(A, B);
        assertEquals(6, t.n());
        assertEquals(5, t.df());
        assertEquals(11.0 / 6, t.meanDiff(), 1e-12);
        assertEquals(1.4719601443879744, t.sdDiff(), 1e-12);
        assertEquals(3.05085107923876, t.t(), 1e-10);
        assertEquals(0.028396725127640465, t.p(), 1e-9);
        // symmetric
        PairedTests.TTest r = PairedTests.pairedT(B, A);
        assertEquals(-t.t(), r.t(), 1e-12);
        assertEquals(t.p(), r.p(), 1e-12);
    }

    @Test
    void tTailsAgreeWithClosedForms() {
        // df 1 is the Cauchy distribution: P(T > t) = ½ − atan(t)/π
        for (double t : new double[] {0, 0.3, 1, 2.5, 12.706}) {
            assertEquals(0.5 - Math.atan(t) / Math.PI, PairedTests.studentTUpperTail(t, 1), 1e-12, "t=" + t);
        }
        // df 2: P(T > t) = ½ (1 − t/√(2 + t²))
        for (double t : new double[] {0.1, 1, 4.303}) {
            assertEquals(0.5 * (1 - t / Math.sqrt(2 + t * t)), PairedTests.studentTUpperTail(t, 2), 1e-12, "t=" + t);
        }
        assertEquals(0.025, PairedTests.studentTUpperTail(2.570581835636314, 5), 1e-9); // t(0.975, 5)
        assertEquals(0.025, PairedTests.normalUpperTail(1.959963984540054), 1e-12);
        assertEquals(0.5, PairedTests.normalUpperTail(0), 1e-15);
    }

    @Test
    void degenerateDifferences() {
        PairedTests.TTest same = PairedTests.pairedT(A, A);
        assertEquals(1.0, same.p());
        assertEquals(0.0, same.t());
        double[] shifted = A.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1;
        }
        PairedTests.TTest shift = PairedTests.pairedT(shifted, A);
        assertEquals(0.0, shift.p());
        assertTrue(Double.isInfinite(shift.t()) && shift.t() > 0);
        assertThrows(IllegalArgumentException.class, () -> PairedTests.pairedT(new double[] {1}, new double[] {2}));
        assertThrows(IllegalArgumentException.class, () -> PairedTests.pairedT(new double[] {1, 2}, new double[] {2}));
        assertThrows(IllegalArgumentException.class, () -> PairedTests.pairedT(new double[] {1, Double.NaN}, new double[] {2, 3}));
        assertEquals(1.0, PairedTests.wilcoxon(A, A).p());
    }

    @Test
    void wilcoxonExactOnHandComputedValues() {
        // |d| = 2, 2, 1, 3, 2, 3 → ranks 3, 3, 1, 5.5, 3, 5.5; only the rank-1 difference is negative: W+ = 20.
        // Over the 2⁶ sign patterns of ranks {1, 3, 3, 3, 5.5, 5.5}, |W+ − 10.5| ≥ 9.5 for W+ ∈ {0, 1, 20, 21}: 4/64.
        PairedTests.Wilcoxon w = PairedTests.wilcoxon(A, B);
        assertEquals(6, w.n());
        assertEquals(0, w.zeros());
        assertEquals(20.0, w.wPlus());
        assertTrue(w.exact());
        assertEquals(4.0 / 64, w.p(), 1e-15);
        // all six positive: the smallest two-sided p for n = 6
        assertEquals(2.0 / 64, PairedTests.wilcoxon(new double[] {2, 3, 4, 5, 6, 7}, new double[] {1, 1, 1, 1, 1, 1}).p(), 1e-15);
        // a zero difference is dropped: n = 5, all positive → 2/32
        PairedTests.Wilcoxon z = PairedTests.wilcoxon(new double[] {1, 3, 4, 5, 6, 7}, new double[] {1, 1, 1, 1, 1, 1});
        assertEquals(5, z.n());
        assertEquals(1, z.zeros());
        assertEquals(2.0 / 32, z.p(), 1e-15);
    }

    @Test
    void wilcoxonNormalApproximationForLargeSamples() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i + (i % 3 == 0 ? -0.5 : 0.7);
            b[i] = i;
        }
        PairedTests.Wilcoxon w = PairedTests.wilcoxon(a, b);
        assertFalse(w.exact());
        assertTrue(w.p() > 0 && w.p() < 0.05, "p " + w.p());
    }

    @Test
    void meanSdAndRanks() {
        assertEquals(2.0, PairedTests.mean(new double[] {1, 2, 3}));
        assertEquals(1.0, PairedTests.sd(new double[] {1, 2, 3}), 1e-15);
        assertTrue(Double.isNaN(PairedTests.sd(new double[] {1})));
        double[] r = PairedTests.averageRanks(new double[] {5, 1, 5, 3});
        assertEquals(3.5, r[0]);
        assertEquals(1.0, r[1]);
        assertEquals(3.5, r[2]);
        assertEquals(2.0, r[3]);
    }
}
