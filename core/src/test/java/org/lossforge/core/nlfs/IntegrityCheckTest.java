package org.lossforge.core.nlfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** nlfs-paper.md §3.1 on real losses and on hand-made curves. */
class IntegrityCheckTest {

    private static IntegrityCheck.Verdict verdict(String expr) {
        return IntegrityCheck.check(Cell.fromExpr(ExprParser.parse(expr)));
    }

    @Test
    void crossEntropyPassesUnflippedWithAStrictlyRisingCurve() {
        IntegrityCheck.Verdict v = verdict(ExprSyntaxTest.CE);
        assertTrue(v.passed(), v.reason());
        assertFalse(v.flip());
        double[] l = IntegrityCheck.curve(Cell.fromExpr(ExprParser.parse(ExprSyntaxTest.CE)));
        for (int j = 1; j < l.length; j++) {
            assertTrue(l[j] > l[j - 1], "rising at " + j);
        }
        // L_0 = −ln(1 − 1e-7 + 1e-7) ≈ 0 and L_999 = −ln(float(1e-7) + 1e-7) = −ln(2e-7) = 15.42
        assertEquals(0, l[0], 1e-6);
        assertEquals(-Math.log(2e-7), l[999], 1e-5);
        float[] ph = v.phenotype();
        assertEquals(0f, ph[0]);
        assertEquals(1f, ph[999]);
    }

    @Test
    void baikalPassesWithItsMinimumNearTrueClassProbabilitySeventyOnePercent() {
        // −Σ(ln ŷ − y/ŷ) on the probe: −ln p − ln q + 1/q with q = 1 − p the true-class probability;
        // d/dq = 1/(1 − q) − 1/q − 1/q² = 0 ⇔ 2q² = 1, so the minimum is at q = 1/√2 ≈ 0.7071
        IntegrityCheck.Verdict v = verdict(ExprSyntaxTest.BAIKAL);
        assertTrue(v.passed(), v.reason());
        assertFalse(v.flip(), "a U-shape (falls, then rises) is not flipped");
        double[] l = IntegrityCheck.curve(Cell.fromExpr(ExprParser.parse(ExprSyntaxTest.BAIKAL)));
        int argMin = 0;
        for (int j = 0; j < l.length; j++) {
            argMin = l[j] < l[argMin] ? j : argMin;
        }
        assertEquals(293, argMin, "the authors' notes: minimum at probe index 293");
        double q = IntegrityCheck.probeYhat()[argMin][1];
        assertEquals(1 / Math.sqrt(2), q, 1e-3);
    }

    @Test
    void theNegatedCrossEntropyPassesFlippedWithCrossEntropysPhenotype() {
        IntegrityCheck.Verdict v = verdict("y * ln(|yhat|)");
        assertTrue(v.passed() && v.flip(), String.valueOf(v.reason()));
        assertArrayEquals(verdict(ExprSyntaxTest.CE).phenotype(), v.phenotype(), "−(−CE) normalised is CE's phenotype");
        assertEquals(0.0, IntegrityCheck.distance(verdict(ExprSyntaxTest.CE).phenotype(), v.phenotype()));
    }

    @Test
    void constantLossesAreRejected() {
        // Σ_c (y_c + ŷ_c) = 1 + p + (1 − p): constant up to float32 rounding of p and 1 − p
        IntegrityCheck.Verdict v = verdict("y + yhat");
        assertFalse(v.passed());
        assertNull(v.phenotype());
        assertTrue(v.reason().contains("plateaus") || v.reason().contains("constant") || v.reason().contains("slope"), v.reason());
        // a curve that is exactly constant
        v = IntegrityCheck.judge(new double[1000]);
        assertFalse(v.passed());
        assertTrue(v.reason().contains("minimum") || v.reason().contains("constant"), v.reason());
        double[] flat = new double[1000];
        java.util.Arrays.fill(flat, 3.0);
        flat[0] = 0; // the minimum at the edge, so the constant rule itself decides
        v = IntegrityCheck.judge(flat);
        assertFalse(v.passed());
        assertTrue(v.reason().contains("plateaus"), v.reason());
    }

    @Test
    void lossesSymmetricInTheProbeAreRejected() {
        // Σ_c (y_c − ln ŷ_c) = 1 − ln p − ln(1 − p): symmetric about p = 1/2, minimum in the middle
        IntegrityCheck.Verdict v = verdict("y - ln(|yhat|)");
        assertFalse(v.passed());
        assertTrue(v.reason().contains("minimum") && v.reason().contains("0.5"), v.reason());
        v = verdict("ln(|yhat|) - y"); // its negation: the maximum is in the middle
        assertFalse(v.passed());
        assertTrue(v.reason().contains("maximum"), v.reason());
    }

    @Test
    void oscillatingAndPlateauLossesAreRejected() {
        IntegrityCheck.Verdict v = verdict("y * sin(1 / yhat)");
        assertFalse(v.passed());
        assertTrue(v.reason().contains("slope changes sign"), v.reason());
        // y · min(ln q + 1, 0) is flat (0) for q > 1/e: about 630 flat steps
        v = verdict("y * min0(ln(|yhat|) + 1)");
        assertFalse(v.passed());
        assertTrue(v.reason().contains("plateaus"), v.reason());
    }

    @Test
    void rulesOnHandMadeCurves() {
        assertTrue(IntegrityCheck.judge(curve(j -> j)).passed());
        assertFalse(IntegrityCheck.judge(curve(j -> j)).flip());
        assertTrue(IntegrityCheck.judge(curve(j -> -j)).flip());
        // U with its minimum at 200: accepted, not flipped; ∩ with its maximum at 200: accepted, flipped
        IntegrityCheck.Verdict u = IntegrityCheck.judge(curve(j -> (j - 200.0) * (j - 200.0)));
        assertTrue(u.passed() && !u.flip());
        IntegrityCheck.Verdict cap = IntegrityCheck.judge(curve(j -> -(j - 200.0) * (j - 200.0)));
        assertTrue(cap.passed() && cap.flip());
        // optimum in [490, 509] rejected, at 489 and 510 not
        assertFalse(IntegrityCheck.judge(curve(j -> Math.abs(j - 490.0))).passed());
        assertFalse(IntegrityCheck.judge(curve(j -> Math.abs(j - 509.0))).passed());
        assertTrue(IntegrityCheck.judge(curve(j -> Math.abs(j - 489.0))).passed());
        assertTrue(IntegrityCheck.judge(curve(j -> Math.abs(j - 510.0))).passed());
        // two turning points: rejected
        assertFalse(IntegrityCheck.judge(curve(j -> Math.sin(j / 100.0))).passed());
        // a rising curve with 10 flat steps passes, with 11 it is rejected
        assertTrue(IntegrityCheck.judge(curve(j -> j < 100 ? j : j <= 110 ? 100 : j - 10)).passed());
        assertFalse(IntegrityCheck.judge(curve(j -> j < 100 ? j : j <= 111 ? 100 : j - 11)).passed());
        // the authors decide the flip by t[2] after filling: rising for 2 steps, then falling → t[2] = −1 → no flip
        IntegrityCheck.Verdict early = IntegrityCheck.judge(curve(j -> j <= 2 ? j : 4 - j));
        assertTrue(early.passed() && !early.flip());
        // non-finite anywhere: rejected
        double[] nan = curve(j -> j);
        nan[0] = Double.NaN;
        assertFalse(IntegrityCheck.judge(nan).passed());
    }

    @Test
    void phenotypeIsMinMaxNormalisedUnlessTheRangeIsTiny() {
        float[] p = IntegrityCheck.judge(curve(j -> 5 + 2 * j)).phenotype();
        assertEquals(0f, p[0]);
        assertEquals(1f, p[999]);
        assertEquals(500f / 999, p[500], 1e-6);
        float[] tiny = IntegrityCheck.judge(curve(j -> 1e-3 + j * 1e-8)).phenotype();
        assertEquals((float) 1e-3, tiny[0], "range < 1e-4: kept as is");
        float[] flipped = IntegrityCheck.judge(curve(j -> -3.0 * j)).phenotype();
        assertEquals(0f, flipped[0]);
        assertEquals(1f, flipped[999], "normalised −L");
    }

    private static double[] curve(java.util.function.IntToDoubleFunction f) {
        double[] l = new double[1000];
        for (int j = 0; j < 1000; j++) {
            l[j] = (float) f.applyAsDouble(j);
        }
        return l;
    }
}
