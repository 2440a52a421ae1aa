package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class LogisticRankingTest {

    private static double softplus(double z) {
        return Math.log1p(Math.exp(z));
    }

    @Test
    void handComputedValue() {
        // y (3, 2, 1) → P = {(0,1), (0,2), (1,2)}, pred (1, 0, 2), d = ŷ_i − ŷ_j = 1, −1, −2:
        // softplus(−1) + softplus(1) + softplus(2) = log(1+e^−1) + log(1+e) + log(1+e²)
        //   = 0.3132616875182228 + 1.3132616875182228 + 2.1269280110429727 = 3.7534513860794184
        // mean over 3 pairs = 1.2511504620264728
        double expected = (softplus(-1) + softplus(1) + softplus(2)) / 3;
        assertEquals(1.2511504620264728, expected, 1e-15);
        assertEquals(expected, value(new LogisticRanking(), new double[] {1, 0, 2}, new double[] {3, 2, 1}), 1e-12);
    }

    @Test
    void tiesInTruthAreExcluded() {
        // y (2, 2, 1): P = {(0,2), (1,2)}; pred (1, 0, 2): d = −1, −2 → (softplus(1) + softplus(2))/2
        double expected = (softplus(1) + softplus(2)) / 2;
        assertEquals(expected, value(new LogisticRanking(), new double[] {1, 0, 2}, new double[] {2, 2, 1}), 1e-12);
        assertEquals(0.0, value(new LogisticRanking(), new double[] {1, 0, 2}, new double[] {5, 5, 5}), 0.0);
    }

    @Test
    void stableForLargeScores() {
        // d = −2000 for the one pair: softplus(2000) = 2000 (log(1+e^2000) would overflow naively)
        assertEquals(2000.0, value(new LogisticRanking(), new double[] {-1000, 1000}, new double[] {1, 0}), 1e-9);
        double small = value(new LogisticRanking(), new double[] {1000, -1000}, new double[] {1, 0});
        assertTrue(small >= 0 && small < 1e-300, "softplus(−2000) ≈ 0, got " + small);
    }

    @Test
    void gradientAtEqualScoresIsHalf() {
        // all predictions equal (a freshly initialised predictor): d = 0, ∂softplus(−d)/∂ŷ_i = −σ(0) = −1/2
        double[][] g = autogradGradient(new LogisticRanking(), new double[][] {{0.3, 0.3}}, new double[][] {{1, 0}},
                single(2), ai.djl.ndarray.types.DataType.FLOAT64);
        assertEquals(-0.5, g[0][0], 1e-12);
        assertEquals(0.5, g[0][1], 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {gaussian(7, 6, 1)};
        double[][] y = {gaussian(8, 6, 1)};
        assertGradientMatchesFiniteDifferences(new LogisticRanking(), pred, y, single(6), 1e-6);
    }

    @Test
    void shiftInvariant() {
        double[] p = gaussian(9, 7, 1);
        double[] y = gaussian(10, 7, 1);
        assertEquals(value(new LogisticRanking(), p, y), value(new LogisticRanking(), plus(p, -4.5), y), 1e-12);
    }
}
