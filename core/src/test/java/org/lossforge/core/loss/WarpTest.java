package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class WarpTest {

    @Test
    void handComputedValue() {
        // m = 1, y (3, 2, 1, 1): P = {(0,1), (0,2), (0,3), (1,2), (1,3)}, |P| = 5 (the tie (2,3) excluded)
        // pred (0, 0.5, 0.2, −3), slack m − ŷ_i + ŷ_j:
        //   (0,1): 1 − 0 + 0.5 = 1.5 ✓   (0,2): 1 − 0 + 0.2 = 1.2 ✓   (0,3): 1 − 0 − 3 = −2 ✗
        //   (1,2): 1 − 0.5 + 0.2 = 0.7 ✓ (1,3): 1 − 0.5 − 3 = −2.5 ✗
        // r_0 = 2 → w_0 = H(2) = 1.5;  r_1 = 1 → w_1 = H(1) = 1;  r_2 = r_3 = 0
        // Σ = 1.5·(1.5 + 1.2) + 1·0.7 = 4.05 + 0.7 = 4.75
        double[] p = {0, 0.5, 0.2, -3};
        double[] y = {3, 2, 1, 1};
        assertEquals(4.75 / 5, value(new Warp(), p, y), 1e-12);
        assertEquals(4.75 / 4, value(new Warp(1.0, "items"), p, y), 1e-12);
        assertEquals(4.75, value(new Warp(1.0, "none"), p, y), 1e-12);
        // m = 0.6: (0,1): 1.1 ✓  (0,2): 0.8 ✓  (1,2): 0.6 − 0.5 + 0.2 = 0.3 ✓  (0,3), (1,3) ✗
        //   r_0 = 2, w_0 = 1.5; r_1 = 1, w_1 = 1 → Σ = 1.5·(1.1 + 0.8) + 1·0.3 = 3.15 → /5
        assertEquals(3.15 / 5, value(new Warp(0.6, "pairs"), p, y), 1e-12);
    }

    @Test
    void harmonicTable() {
        assertArrayEquals(new double[] {0, 1, 1.5, 1.5 + 1.0 / 3}, Warp.harmonicTable(3), 1e-15);
    }

    @Test
    void noPairGivesZero() {
        assertEquals(0.0, value(new Warp(), new double[] {0.1, 0.2}, new double[] {1, 1}), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {gaussian(23, 7, 1)};
        double[][] y = {gaussian(24, 7, 1)};
        assertGradientMatchesFiniteDifferences(new Warp(), pred, y, single(7), 1e-6);
        assertGradientMatchesFiniteDifferences(new Warp(0.5, "items"), pred, y, single(7), 1e-6);
    }

    @Test
    void shiftInvariant() {
        double[] p = gaussian(25, 8, 1);
        double[] y = gaussian(26, 8, 1);
        assertEquals(value(new Warp(), p, y), value(new Warp(), plus(p, 2.75), y), 1e-12);
    }

    @Test
    void rejectsUnknownNormalization() {
        assertThrows(IllegalArgumentException.class, () -> new Warp(1, "rows"));
    }
}
