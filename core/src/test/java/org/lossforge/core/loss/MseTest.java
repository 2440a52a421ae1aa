package org.lossforge.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lossforge.core.loss.LossTesting.*;

import org.junit.jupiter.api.Test;

class MseTest {

    @Test
    void handComputedValue() {
        // pred (1, 2, 4), y (0, 2, 1): errors 1, 0, 3 → (1 + 0 + 9)/3 = 10/3
        assertEquals(10.0 / 3, value(new Mse(), new double[] {1, 2, 4}, new double[] {0, 2, 1}), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] pred = {gaussian(1, 5, 1)};
        double[][] y = {gaussian(2, 5, 1)};
        assertGradientMatchesFiniteDifferences(new Mse(), pred, y, single(5), 1e-6);
    }

    @Test
    void labelScaleIsZscore() {
        assertEquals(LabelScale.ZSCORE, new Mse().labelScale());
        assertEquals("mse", new Mse().name());
    }
}
