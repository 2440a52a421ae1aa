package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class HingeRankingTest {

    @Test
    void handComputedValue() {
        // y (3, 2, 1) → P = {(0,1), (0,2), (1,2)}, m = 0.1, pred (0.05, 0.2, 0.0):
        // (0,1): max(0, 0.1 − (0.05 − 0.2)) = 0.25; (0,2): max(0, 0.1 − 0.05) = 0.05;
        // (1,2): max(0, 0.1 − 0.2) = 0 → (0.25 + 0.05 + 0)/3 = 0.1
        assertEquals(0.1, value(new HingeRanking(), new double[] {0.05, 0.2, 0.0}, new double[] {3, 2, 1}), 1e-12);
        // same with m = 1: 1.15 + 0.95 + 0.8 = 2.9 → 2.9/3
        assertEquals(2.9 / 3, value(new HingeRanking(1.0), new double[] {0.05, 0.2, 0.0}, new double[] {3, 2, 1}), 1e-12);
    }

    @Test
    void tiesInTruthAreExcluded() {
        // y (2, 2, 1): P = {(0,2), (1,2)} only; pred (0, 1, 0.5), m = 0.1:
        // (0,2): max(0, 0.1 − (0 − 0.5)) = 0.6; (1,2): max(0, 0.1 − 0.5) = 0 → 0.6/2 = 0.3
        // (with the tied pair (0,1) or (1,0) counted, a tie would add 1.1 or 0 and change the divisor)
        assertEquals(0.3, value(new HingeRanking(), new double[] {0, 1, 0.5}, new double[] {2, 2, 1}), 1e-12);
        // all labels tied: no pair → 0, not NaN
        assertEquals(0.0, value(new HingeRanking(), new double[] {0, 1, 0.5}, new double[] {1, 1, 1}), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // spread 1 so that many pairs are inactive and many active; no pair sits within 1e-5 of the kink
        double[][] pred = {gaussian(3, 6, 0.2)};
        double[][] y = {gaussian(4, 6, 1)};
        assertGradientMatchesFiniteDifferences(new HingeRanking(), pred, y, single(6), 1e-6);
    }

    @Test
    void shiftInvariant() {
        double[] p = gaussian(5, 7, 0.3);
        double[] y = gaussian(6, 7, 1);
        assertEquals(value(new HingeRanking(), p, y), value(new HingeRanking(), plus(p, 3.25), y), 1e-12);
    }
}
