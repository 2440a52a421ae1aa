package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class MapeTest {

    @Test
    void handComputedValue() {
        // b = 0.045; y (0.9, 0.8, 0.5) → errors 0.1, 0.2, 0.5 → (1 − y) − b = 0.055, 0.155, 0.455
        // pred (0.85, 0.9, 0.5) → (1 − ŷ) − b = 0.105, 0.055, 0.455
        // |0.105/0.055 − 1| = 0.05/0.055 = 10/11; |0.055/0.155 − 1| = 0.1/0.155 = 20/31; |1 − 1| = 0
        // L = (10/11 + 20/31)/3
        double v = value(new Mape(), new double[] {0.85, 0.9, 0.5}, new double[] {0.9, 0.8, 0.5});
        assertEquals((10.0 / 11 + 20.0 / 31) / 3, v, 1e-12);
    }

    @Test
    void throwsWhenLowerBoundNotBelowSmallestError() {
        // smallest error 1 − 0.96 = 0.04 ≤ b = 0.045
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> value(new Mape(), new double[] {0.5, 0.5}, new double[] {0.96, 0.5}));
        assertTrue(e.getMessage().contains("0.045"), e.getMessage());
        assertTrue(e.getMessage().contains("0.04"), e.getMessage());
        // b exactly equal to the smallest error also throws (strictly below is required)
        assertThrows(IllegalArgumentException.class,
                () -> value(new Mape(0.5), new double[] {0.5, 0.5}, new double[] {0.5, 0.25}));
        // any row of a batch violating it throws
        assertThrows(IllegalArgumentException.class, () -> values(new Mape(),
                new double[][] {{0.5, 0.5}, {0.5, 0.5}}, new double[][] {{0.5, 0.4}, {0.99, 0.1}},
                new LossContext(0, 1, 2, null)));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {uniform(21, 6, 0.3, 0.95)};
        double[][] y = {uniform(22, 6, 0.3, 0.95)};
        assertGradientMatchesFiniteDifferences(new Mape(), pred, y, single(6), 1e-6);
    }
}
