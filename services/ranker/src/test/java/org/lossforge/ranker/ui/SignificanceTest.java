package org.lossforge.ranker.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignificanceTest {

    private static Map<Integer, Double> values(double... v) {
        Map<Integer, Double> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(i, v[i]);
        }
        return m;
    }

    @Test
    void sixSeedsAllBetterIsSignificantFiveAreNot() {
        // every difference positive: W+ = n(n+1)/2, exact two-sided p = 2 / 2^n (6 → 0.03125, 5 → 0.0625)
        Significance.Verdict six = Significance.versusBest("hr", values(.8, .7, .9, .6, .75, .85),
                values(.7, .65, .8, .5, .70, .80), 0.05);
        assertEquals(6, six.pairs());
        assertEquals(2.0 / 64, six.p(), 1e-12);
        assertTrue(six.differs());
        Significance.Verdict five = Significance.versusBest("hr", values(.8, .7, .9, .6, .75),
                values(.7, .65, .8, .5, .70), 0.05);
        assertEquals(2.0 / 32, five.p(), 1e-12);
        assertFalse(five.differs(), "five seeds cannot reach 0.05");
    }

    @Test
    void pairsOnlySeedsBothHaveWithFiniteValues() {
        Map<Integer, Double> best = values(.8, .7, .9, .6);
        Map<Integer, Double> other = new HashMap<>(Map.of(0, .7, 2, .8, 3, Double.NaN, 9, .1));
        Significance.Verdict v = Significance.versusBest("x", best, other, 0.05);
        assertEquals(2, v.pairs(), "seeds 0 and 2 only");
        // two positive differences: exact p = 2 / 4
        assertEquals(0.5, v.p(), 1e-12);
        Significance.Verdict none = Significance.versusBest("y", best, Map.of(7, .5), 0.05);
        assertEquals(0, none.pairs());
        assertNull(none.p());
        assertFalse(none.differs());
    }

    @Test
    void mixedSignsHandComputed() {
        // d = +0.1, -0.2, +0.3, +0.4: ranks of |d| 1,2,3,4; W+ = 1+3+4 = 8, μ = 5; |W − μ| ≥ 3 ⇔ W ∈ {0,1,2,8,9,10}:
        // sign patterns with rank sum 0,1,2 (∅, {1}, {2}) and 8,9,10 (complements) = 6 of 16 → p = 0.375
        Significance.Verdict v = Significance.versusBest("z", values(1.1, 1.0, 1.3, 1.4), values(1.0, 1.2, 1.0, 1.0), 0.05);
        assertEquals(0.375, v.p(), 1e-12);
        Significance.Verdict best = Significance.ofBest("b", values(1, Double.NaN, 2));
        assertTrue(best.best());
        assertEquals(2, best.pairs());
    }
}
