package org.lossforge.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void handComputedWithTies() {
        // x = [1,2,2,3] -> average ranks (ascending) [1, 2.5, 2.5, 4]
        // y = [1,3,2,3] -> average ranks             [1, 3.5, 2, 3.5]
        // mean rank 2.5; dx = [-1.5, 0, 0, 1.5], dy = [-1.5, 1, -0.5, 1]
        // sum dx*dy = 2.25 + 1.5 = 3.75; sum dx^2 = 4.5; sum dy^2 = 2.25 + 1 + 0.25 + 1 = 4.5
        // rho = 3.75 / 4.5 = 5/6
        assertEquals(5.0 / 6, Spearman.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 3}), 1e-15);
    }

    @Test
    void handComputedTiesOnBothSides() {
        // x = [10, 20, 20, 20, 30] -> ranks [1, 3, 3, 3, 5]
        // y = [5, 5, 1, 9, 9]      -> ranks [2.5, 2.5, 1, 4.5, 4.5]
        // mean 3; dx = [-2, 0, 0, 0, 2], dy = [-0.5, -0.5, -2, 1.5, 1.5]
        // sum dx*dy = 1 + 3 = 4; sum dx^2 = 8; sum dy^2 = 0.25 + 0.25 + 4 + 2.25 + 2.25 = 9
        // rho = 4 / sqrt(72)
        assertEquals(4 / Math.sqrt(72),
                Spearman.of(new double[] {10, 20, 20, 20, 30}, new double[] {5, 5, 1, 9, 9}), 1e-15);
    }

    @Test
    void monotoneTransformsGivePlusMinusOne() {
        assertEquals(1.0, Spearman.of(new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 100}), 1e-15);
        assertEquals(-1.0, Spearman.of(new double[] {1, 2, 3, 4}, new double[] {0, -1, -8, -9}), 1e-15);
        // no ties: rho = 1 - 6 sum d^2 / (n(n^2-1)); x = [1,2,3,4], y = [2,1,4,3]: sum d^2 = 4 -> 1 - 24/60 = 0.6
        assertEquals(0.6, Spearman.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), 1e-15);
    }

    @Test
    void invalidInputThrows() {
        Spearman m = new Spearman();
        assertEquals("spearman", m.name());
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {1, 2}, new double[] {Double.NaN, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> m.compute(new double[] {Double.NEGATIVE_INFINITY, 2}, new double[] {0, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.compute(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("pred is constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compute(new double[] {2, 2}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("truth is constant"), e.getMessage());
    }
}
